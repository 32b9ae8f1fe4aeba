package io.printbridge.server.cli;

import io.printbridge.server.identity.CaRollover;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ca issue-from FINGERPRINT}: new agent certificates (enrolment, renewal) come from that CA. */
@Command(
        name = "issue-from",
        description = "Makes a trusted store CA the one new agent certificates (enrolment, renewal) come from.")
final class IssueFromCaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CaCommand ca;

    @Mixin
    HelpOption help;

    @Parameters(
            index = "0",
            paramLabel = "FINGERPRINT",
            description = "The CA's SHA-256 fingerprint, or its first 8 digits or more (see `ca status`).")
    String fingerprint;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        try (CaBackend backend = ca.open(spec, connection)) {
            CaRollover.CaStatus issuing = backend.issueFrom(fingerprint);
            spec.commandLine()
                    .getErr()
                    .println("store CA " + issuing.fingerprint() + " (" + issuing.subject()
                            + ") now issues every new agent certificate; the one before stays trusted; "
                            + backend.takenUp()
                            + ". Agents move over as they renew (at half their certificate's lifetime): follow it with"
                            + " `bridge-server ca status`, and retire the old CA when no live certificate depends on"
                            + " it.");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
