package io.printbridge.certs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code certs server --dir DIR --host H[,H...] [--days 825]}: the server's TLS certificate. */
@Command(name = "server", description = "Creates DIR/server.pem and DIR/server.key, issued by the CA in DIR.")
final class ServerCertificateCommand implements Callable<Integer> {

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
            names = "--host",
            required = true,
            split = ",",
            paramLabel = "HOST",
            description = "The names (or IP addresses) agents dial, separated by commas.")
    List<String> hosts;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "825",
            converter = Days.class,
            description = "Validity in days (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Override
    public Integer call() throws Exception {
        CertificateAuthority ca = CertificateDirectory.loadCa(spec, dir);
        IssuedCertificate issued = ca.issueServer(hosts, Validity.fromNow(validity));
        Path written = issued.writePem(dir, "server");
        spec.commandLine()
                .getOut()
                .println("wrote " + written + " and " + dir.resolve("server.key") + ": serial "
                        + issued.certificate().getSerialNumber().toString(16) + " for " + hosts + ", valid until "
                        + issued.certificate().getNotAfter().toInstant());
        spec.commandLine()
                .getErr()
                .println("Next: on each server, move the key over bridge.grpc.key, then the certificate over"
                        + " bridge.grpc.certificate; a running server serves them to new connections within 10 s"
                        + " (its log says \"server certificate replaced\"), without a restart.");
        return 0;
    }
}
