package io.printbridge.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ca retire FINGERPRINT [--force]}: the old CA is no longer trusted. Refused, with the
 * numbers, while live certificates depend on it or it signed the server's certificate; always for
 * the issuing CA.
 */
@Command(
        name = "retire",
        description = "Stops trusting a store CA. Refused while live certificates depend on it, unless --force.")
final class RetireCaCommand implements Callable<Integer> {

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

    @Option(
            names = "--force",
            description = "Retires it even though live certificates depend on it or it signed the server's"
                    + " certificate: those shops are refused at their next connection and need a new enrolment code.")
    boolean force;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        try (CaBackend backend = ca.open(spec, connection)) {
            CaBackend.Retired retired = backend.retire(fingerprint, force);
            StringBuilder said = new StringBuilder("store CA " + retired.ca().fingerprint() + " retired: certificates"
                    + " from it are refused at their next connection, their live connections are closed, and agents"
                    + " stop trusting it; " + backend.takenUp() + ".");
            if (retired.liveCertificates() > 0) {
                said.append(" Forced: ")
                        .append(retired.liveCertificates())
                        .append(" live certificate(s) of ")
                        .append(retired.stores())
                        .append(" store(s) are cut off; each such shop needs a new enrolment code.");
            }
            if (retired.signedServerCertificate()) {
                said.append(" Forced: it signed the server's certificate, which agents no longer trust: replace it"
                        + " with one from the issuing CA now.");
            }
            spec.commandLine().getErr().println(said);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }
}
