package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-server ca ...} on the database directly (no server running), as IT rolls the store CA. */
class CaCommandTest {

    @TempDir
    Path dir;

    DevCertificates certs;
    Map<String, Object> server;
    String firstCa;

    @BeforeEach
    void certificates() throws Exception {
        certs = DevCertificates.create(dir.resolve("certs"), List.of());
        server = Map.of(
                "bridge.grpc.certificate", certs.serverCertificate().toString(),
                "bridge.grpc.key", certs.serverKey().toString(),
                "bridge.grpc.client-ca", certs.caCertificate().toString(),
                "bridge.identity.ca-key", certs.caKey().toString());
        firstCa = Fingerprints.sha256Hex(Pem.readCertificate(certs.caCertificate()));
    }

    @Test
    void aRolloverFromAddToRetireSaysAtEachStepWhatItDidAndWhatComesNext() throws Exception {
        Path second = dir.resolve("second");
        CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30))
                .writePem(second, "ca");

        CommandLine before = run("ca", "status");
        CommandLine add = run(
                "ca",
                "add",
                "--certificate",
                second.resolve("ca.pem").toString(),
                "--key",
                second.resolve("ca.key").toString());
        String secondCa = add.out().strip();
        CommandLine issueFrom = run("ca", "issue-from", secondCa.substring(0, 10));
        CommandLine refused = run("ca", "retire", firstCa);
        CommandLine issuingRefused = run("ca", "retire", secondCa, "--force");
        CommandLine forced = run("ca", "retire", firstCa, "--force");
        CommandLine after = run("ca", "status");

        // The first start recorded the configured CA as the issuing one.
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).contains(firstCa + "  ISSUING").contains("signs the server's certificate: yes");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(secondCa).isEqualTo(Fingerprints.sha256Hex(Pem.readCertificate(second.resolve("ca.pem"))));
        assertThat(add.err()).contains("is TRUSTED").contains("ca issue-from " + secondCa.substring(0, 16));
        Path keptKey = dir.resolve("data").resolve("ca-keys").resolve(secondCa + ".key");
        assertThat(keptKey).exists();
        if (Files.getFileStore(keptKey).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keptKey)))
                    .isEqualTo("rw-------");
        }
        assertThat(issueFrom.exit()).as(issueFrom.err()).isZero();
        assertThat(issueFrom.err())
                .contains("now issues every new agent certificate")
                .contains("ca status");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("it signed the server's certificate").contains("--force");
        assertThat(issuingRefused.exit()).isEqualTo(1);
        assertThat(issuingRefused.err()).contains("is the issuing CA");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.err())
                .contains("retired")
                .contains("it signed the server's certificate, which agents no longer trust");
        assertThat(after.out())
                .contains(secondCa + "  ISSUING")
                .contains(firstCa + "  RETIRED")
                .contains("key on this server: yes");
    }

    @Test
    void aCertificateThatIsNotACaOrAKeyThatIsNotItsIsRefusedAndNothingIsAdded() throws Exception {
        Path other = dir.resolve("other");
        CertificateAuthority.create("other CA", Duration.ofDays(30)).writePem(other, "ca");
        Path third = dir.resolve("third");
        CertificateAuthority.create("third CA", Duration.ofDays(30)).writePem(third, "ca");

        CommandLine notCa =
                run("ca", "add", "--certificate", certs.serverCertificate().toString());
        CommandLine wrongKey = run(
                "ca",
                "add",
                "--certificate",
                third.resolve("ca.pem").toString(),
                "--key",
                other.resolve("ca.key").toString());
        CommandLine unknown = run("ca", "issue-from", "0123456789abcdef");
        CommandLine status = run("ca", "status");

        assertThat(notCa.exit()).isEqualTo(2);
        assertThat(notCa.err()).contains("is not a CA certificate");
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("--key: not the key of the CA certificate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("names no store CA");
        assertThat(status.out().lines().filter(line -> !line.startsWith(" "))).containsExactly(firstCa + "  ISSUING");
    }

    private CommandLine run(String... args) {
        return CommandLine.runWith(dir.resolve("data"), server, args);
    }
}
