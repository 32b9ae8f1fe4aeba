package io.printbridge.server.cli;

import io.printbridge.server.identity.CaRollover;
import io.printbridge.server.identity.CaState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ca status}: each store CA, its state, and how many shops are still on it. */
@Command(
        name = "status",
        description = "Shows each store CA: its state and how many live certificates and stores are on it.")
final class CaStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CaCommand ca;

    @Mixin
    HelpOption help;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        List<CaRollover.CaStatus> cas;
        try (CaBackend backend = ca.open(spec, connection)) {
            cas = backend.status();
        }
        PrintWriter out = spec.commandLine().getOut();
        for (CaRollover.CaStatus status : cas) {
            out.println(status.fingerprint() + "  " + status.state());
            out.println("  subject: " + status.subject() + ", valid until " + status.notAfter());
            out.println("  added " + status.addedAt() + " by " + status.addedBy()
                    + (status.retiredAt() == null ? "" : ", retired " + status.retiredAt()));
            out.println(
                    "  live agent certificates: " + status.liveCertificates() + " of " + status.stores() + " store(s)");
            out.println("  signs the server's certificate: " + (status.signsServerCertificate() ? "yes" : "no"));
            if (status.state() != CaState.RETIRED) {
                out.println("  stores not connected since it was added (may not trust it yet): "
                        + status.storesNotSeenSinceAdded());
            }
            out.println("  key on " + (connection.server == null ? "this server" : connection.server) + ": "
                    + (status.keyOnThisServer() ? "yes" : "no"));
        }
        spec.commandLine()
                .getErr()
                .println("Certificates made by hand with the certs tool are not counted. A CA can be retired"
                        + " (`bridge-server ca retire FINGERPRINT`) once it has no live certificate, does not sign the"
                        + " server's certificate and is not ISSUING. Give the server a certificate from a new CA only"
                        + " once no store is left that has not connected since that CA was added: such a store has not"
                        + " been handed the CA and could not connect.");
        return 0;
    }
}
