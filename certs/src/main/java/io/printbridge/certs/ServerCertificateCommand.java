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
        spec.commandLine()
                .getOut()
                .println("wrote "
                        + ca.issueServer(hosts, Validity.fromNow(validity)).writePem(dir, "server"));
        return 0;
    }
}
