package io.printbridge.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.link.TlsFiles;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pair in use, the renewed pair and the previous pair on disk, and how one becomes the other. */
class CertificateFilesTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("test store CA", Duration.ofDays(30));

    @TempDir
    Path dir;

    IssuedCertificate inUse;
    IssuedCertificate renewed;
    CertificateFiles files;

    @BeforeEach
    void writeThePairInUse() throws IOException {
        inUse = CA.issueAgent("oran-01", Validity.fromNow(Duration.ofDays(1)));
        renewed = CA.issueAgent("oran-01", Validity.fromNow(Duration.ofDays(2)));
        inUse.writePem(dir, "agent");
        CA.writePem(dir, "ca");
        files = new CertificateFiles(
                new TlsFiles(dir.resolve("agent.pem"), dir.resolve("agent.key"), dir.resolve("ca.pem")));
    }

    @Test
    void theRenewedPairReplacesThePairInUseWhichIsKeptAsPrevious() throws Exception {
        files.writeNextKey(renewed.privateKey());
        files.writeNextCertificate(renewed.certificate());
        assertThat(files.hasNext()).isTrue();

        files.promote();

        assertThat(files.readCurrent()).isEqualTo(renewed.certificate());
        assertThat(key(dir.resolve("agent.key"))).isEqualTo(renewed.privateKey().getEncoded());
        assertThat(Pem.readCertificate(dir.resolve("agent.pem.previous"))).isEqualTo(inUse.certificate());
        assertThat(key(dir.resolve("agent.key.previous")))
                .isEqualTo(inUse.privateKey().getEncoded());
        assertThat(dir.resolve("agent.pem.next")).doesNotExist();
        assertThat(dir.resolve("agent.key.next")).doesNotExist();
        assertThat(files.hasNext()).isFalse();
    }

    @Test
    void aPromotionStoppedBetweenTheCertificateAndTheKeyIsFinishedAtTheNextStart() throws Exception {
        files.writeNextKey(renewed.privateKey());
        files.writeNextCertificate(renewed.certificate());
        // What promote() had done when the PC lost power: the certificate moved, not its key.
        AtomicFiles.move(dir.resolve("agent.pem"), dir.resolve("agent.pem.previous"));
        AtomicFiles.move(dir.resolve("agent.pem.next"), dir.resolve("agent.pem"));

        files.recover();

        assertThat(files.readCurrent()).isEqualTo(renewed.certificate());
        assertThat(key(dir.resolve("agent.key"))).isEqualTo(renewed.privateKey().getEncoded());
        assertThat(key(dir.resolve("agent.key.previous")))
                .isEqualTo(inUse.privateKey().getEncoded());
    }

    @Test
    void aPromotionStoppedAfterThePairInUseMovedAsideIsFinishedAtTheNextStart() throws Exception {
        files.writeNextKey(renewed.privateKey());
        files.writeNextCertificate(renewed.certificate());
        AtomicFiles.move(dir.resolve("agent.pem"), dir.resolve("agent.pem.previous"));

        files.recover();

        assertThat(files.readCurrent()).isEqualTo(renewed.certificate());
        assertThat(key(dir.resolve("agent.key"))).isEqualTo(renewed.privateKey().getEncoded());
    }

    @Test
    void aRenewalNeverAnsweredLeavesThePairInUseAsItIs() throws Exception {
        files.writeNextKey(renewed.privateKey()); // asked; the answer never came

        files.recover();

        assertThat(files.hasNext()).isFalse();
        assertThat(files.readCurrent()).isEqualTo(inUse.certificate());
        assertThat(key(dir.resolve("agent.key"))).isEqualTo(inUse.privateKey().getEncoded());
    }

    @Test
    void aRenewedCertificateWithAnotherKeyIsNoPair() throws Exception {
        files.writeNextKey(inUse.privateKey());
        files.writeNextCertificate(renewed.certificate());

        assertThat(files.hasNext()).isFalse();
    }

    @Test
    void aDiscardedRenewalLeavesNothingBehind() throws Exception {
        files.writeNextKey(renewed.privateKey());
        files.writeNextCertificate(renewed.certificate());

        files.discardNext();

        assertThat(dir.resolve("agent.pem.next")).doesNotExist();
        assertThat(dir.resolve("agent.key.next")).doesNotExist();
        assertThatThrownBy(files::promote).hasMessageContaining("no renewed pair");
        assertThat(files.readCurrent()).isEqualTo(inUse.certificate());
    }

    @Test
    void theNewKeyIsReadableByItsOwnerOnly() throws Exception {
        files.writeNextKey(renewed.privateKey());

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("agent.key.next"))))
                    .isEqualTo("rw-------");
        }
        assertThat(key(dir.resolve("agent.key.next")))
                .isEqualTo(renewed.privateKey().getEncoded());
    }

    @Test
    void theCaBundleIsReplacedWhole() throws Exception {
        CertificateAuthority rolled = CertificateAuthority.create("next store CA", Duration.ofDays(30));

        files.replaceTrust(
                List.of(CA.certificate().getEncoded(), rolled.certificate().getEncoded()));

        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            List<Certificate> bundle =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            assertThat(bundle).containsExactly(CA.certificate(), rolled.certificate());
        }
        assertThat(dir.toFile().list()).allMatch(name -> !name.endsWith(".tmp"));
    }

    private static byte[] key(Path file) throws IOException {
        return Pem.readPrivateKey(file).getEncoded();
    }

    @Test
    void anEmptyCaBundleLeavesTheOneInPlace() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("ca.pem"));

        assertThatThrownBy(() -> files.replaceTrust(List.of())).hasMessageContaining("empty CA bundle");
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(before);
    }
}
