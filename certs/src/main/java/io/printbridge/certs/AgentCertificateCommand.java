package io.printbridge.certs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs agent --dir DIR --store STORE_ID [--days 397]}: one store agent's client certificate. */
@Command(name = "agent", description = "Creates DIR/agent-STORE_ID.pem and .key, issued by the CA in DIR.")
final class AgentCertificateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "Where the CA is and the certificate goes.")
    Path dir;

    @Option(
            names = "--store",
            required = true,
            paramLabel = "STORE_ID",
            description = "The store id the certificate carries: 1-63 lowercase letters, digits or inner hyphens.")
    String store;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "397",
            converter = Days.class,
            description = "Validity in days (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Override
    public Integer call() throws Exception {
        if (!StoreIdentity.isValidStoreId(store)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--store \"" + store + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        CertificateAuthority ca = CertificateDirectory.loadCa(spec, dir);
        Path written = ca.issueAgent(store, Validity.fromNow(validity)).writePem(dir, "agent-" + store);
        spec.commandLine().getOut().println("wrote " + written + " and " + dir.resolve("agent-" + store + ".key"));
        spec.commandLine()
                .getErr()
                .println("Next: copy both and " + dir.resolve("ca.pem") + " to the shop's PC (tls.certificate, tls.key,"
                        + " tls.ca in agent.properties). An enrolment code does this without copying a key:"
                        + " `bridge-server enrol-codes create --store " + store + "`.");
        return 0;
    }
}
