package io.printbridge.server.cli;

import io.printbridge.server.identity.NewEnrolmentCode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enrol-codes create --store ID [--valid-for 24h] [--server URL]}. Standard output gets the
 * code alone ({@code CODE=$(bridge-server enrol-codes create ...)}); what to do with it goes to
 * standard error.
 */
@Command(name = "create", description = "Makes a one-time enrolment code for a store and prints it, once.")
final class CreateEnrolCodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EnrolCodesCommand codes;

    @Mixin
    HelpOption help;

    @Option(
            names = "--store",
            required = true,
            paramLabel = "STORE_ID",
            description = "The store the PC will speak for.")
    String store;

    @Option(
            names = "--valid-for",
            paramLabel = "DURATION",
            description = "How long the code may be used: 30m, 24h, 7d (1 minute to 30 days). Default: 24h,"
                    + " bridge.identity.enrolment-code-lifetime.")
    @Nullable
    String validFor;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        NewEnrolmentCode code;
        try (EnrolmentCodeBackend backend = codes.open(spec, connection)) {
            code = backend.create(store, validFor);
        }
        spec.commandLine().getOut().println(code.code());
        spec.commandLine().getOut().flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("made enrolment code " + code.id() + " for store " + code.storeId() + ", valid until "
                + code.expiresAt() + ", once. It is shown only this once.");
        err.println("At the shop's PC, type:");
        err.println("  " + code.agentCommand());
        err.println("(or `bridge-agent enroll --server HOST:PORT` and type the code when asked). Then start the agent"
                + " as it says. To cancel the code: bridge-server enrol-codes revoke " + code.id());
        return 0;
    }
}
