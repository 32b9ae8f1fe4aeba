package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int certs(String... args) {
        return CertsCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void initCaThenAgentProducesAnAgentCertificateForTheStore() throws Exception {
        assertThat(certs("init-ca", "--dir", dir.toString())).isZero();
        assertThat(certs("agent", "--dir", dir.toString(), "--store", "setif-04"))
                .isZero();

        assertThat(StoreIdentity.storeIdOf(Pem.readCertificate(dir.resolve("agent-setif-04.pem"))))
                .contains("setif-04");
        assertThat(Pem.readPrivateKey(dir.resolve("agent-setif-04.key")).getAlgorithm())
                .isEqualTo("EC");
        assertThat(out.toString()).contains("wrote ").contains("agent-setif-04");
        // What to do next: the CA into the server's settings, and enrolment codes rather than copies.
        assertThat(err.toString())
                .contains("bridge.identity.ca-key=" + dir.resolve("ca.key"))
                .contains("bridge-server enrol-codes create --store setif-04");
    }

    @Test
    void serverCertificateIsIssuedForEveryHostGiven() throws Exception {
        certs("init-ca", "--dir", dir.toString());

        int exit = certs("server", "--dir", dir.toString(), "--host", "bridge.example.com,10.0.0.5", "--days", "30");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Pem.readCertificate(dir.resolve("server.pem")).getSubjectAlternativeNames())
                .map(name -> String.valueOf(name.get(1)))
                .contains("bridge.example.com", "10.0.0.5");
        assertThat(out.toString())
                .contains("serial "
                        + Pem.readCertificate(dir.resolve("server.pem"))
                                .getSerialNumber()
                                .toString(16));
        assertThat(err.toString()).contains("bridge.grpc.key").contains("without a restart");
    }

    @Test
    void initCaRefusesToOverwriteAnExistingCa() {
        certs("init-ca", "--dir", dir.toString());

        assertThat(certs("init-ca", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already exists");
    }

    @Test
    void agentWithoutACaSaysToRunInitCaFirst() {
        assertThat(certs("agent", "--dir", dir.toString(), "--store", "a")).isEqualTo(2);
        assertThat(err.toString()).contains("run init-ca first");
    }

    @Test
    void badDaysValueNamesTheOptionAndTheExpectation() {
        assertThat(certs("init-ca", "--dir", dir.toString(), "--days", "-3")).isEqualTo(2);
        assertThat(err.toString()).contains("--days").contains("\"-3\" (expected: a whole number of days above 0)");
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(certs("frobnicate", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate").contains("Usage: certs");
    }

    @Test
    void misspeltOptionIsRefusedWithTheUsageAndWritesNothing() {
        // --day for --days: before picocli it was taken silently, and the CA got the default validity.
        int exit = certs("init-ca", "--dir", dir.toString(), "--day", "30");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown options: '--day', '30'")
                .contains("Possible solutions: --days")
                .contains("Usage: certs init-ca");
        assertThat(out.toString()).isEmpty();
        assertThat(dir.resolve("ca.pem")).doesNotExist();
    }

    @Test
    void optionWithoutItsValueIsRefusedWithTheUsage() {
        assertThat(certs("init-ca", "--dir")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Missing required parameter for option '--dir'")
                .contains("Usage: certs init-ca");
    }

    @Test
    void missingRequiredOptionIsRefusedWithTheUsage() {
        certs("init-ca", "--dir", dir.toString());

        assertThat(certs("server", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("Missing required option: '--host=HOST'")
                .contains("Usage: certs server");
        assertThat(dir.resolve("server.pem")).doesNotExist();
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(certs()).isEqualTo(2);
        assertThat(err.toString()).contains("no command given").contains("init-ca");
    }

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        assertThat(certs("agent", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: certs agent").contains("--store");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenIsARuntimeFailure() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThat(certs("init-ca", "--dir", notADirectory.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("certs: ");
    }
}
