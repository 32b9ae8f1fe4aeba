package io.printbridge.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs init-ca --dir DIR [--name NAME] [--days 3650]}: a new store CA. */
@Command(name = "init-ca", description = "Creates DIR/ca.pem and DIR/ca.key (keep ca.key offline).")
final class InitCaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write ca.pem and ca.key.")
    Path dir;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = "printbridge store CA",
            description = "The CA's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "3650",
            converter = Days.class,
            description = "Validity in days (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Override
    public Integer call() throws Exception {
        Path caFile = dir.resolve("ca.pem");
        if (Files.exists(caFile)) {
            throw new ParameterException(
                    spec.commandLine(), caFile + " already exists (a new CA would orphan every certificate it issued)");
        }
        CertificateAuthority ca = CertificateAuthority.create(name, validity);
        Path written = ca.writePem(dir, "ca");
        spec.commandLine()
                .getOut()
                .println("wrote " + written + " and " + dir.resolve("ca.key") + " (keep ca.key offline), store CA "
                        + Fingerprints.sha256Hex(ca.certificate()));
        spec.commandLine()
                .getErr()
                .println("Next: make the server's certificate (`certs server --dir " + dir + " --host HOST`); for a"
                        + " first install, give the server bridge.grpc.client-ca=" + written
                        + " and bridge.identity.ca-key=" + dir.resolve("ca.key")
                        + " (it issues agent certificates at enrolment); to roll over to this CA, `bridge-server ca"
                        + " add --certificate " + written + " --key " + dir.resolve("ca.key") + "`.");
        return 0;
    }
}
