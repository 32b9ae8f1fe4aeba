package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private final CertificateAuthority ca = CertificateAuthority.create("test CA", Duration.ofDays(1));

    @Test
    void agentCertificateCarriesTheStoreIdInItsUri() {
        X509Certificate cert =
                ca.issueAgent("alger-01", Validity.fromNow(Duration.ofDays(1))).certificate();

        assertThat(StoreIdentity.storeIdOf(cert)).contains("alger-01");
    }

    @Test
    void agentCertificateIsSignedByTheCa() throws Exception {
        X509Certificate cert =
                ca.issueAgent("oran-02", Validity.fromNow(Duration.ofDays(1))).certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void agentCertificateMayCarryAnyCommonNameButTheStoreIdStaysInItsUri() {
        X509Certificate cert = ca.issueAgent("alger-01", "till 2, rue Didouche", Validity.fromNow(Duration.ofDays(1)))
                .certificate();

        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=till 2\\, rue Didouche");
        assertThat(StoreIdentity.storeIdOf(cert)).contains("alger-01");
    }

    @Test
    void serverCertificateNamesHostsAndIpAddresses() throws Exception {
        X509Certificate cert = ca.issueServer(List.of("localhost", "127.0.0.1"), Validity.fromNow(Duration.ofDays(1)))
                .certificate();

        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(StoreIdentity.storeIdOf(cert)).isEmpty();
    }

    @Test
    void malformedStoreIdIsRefusedWithTheRule() {
        assertThatThrownBy(() -> ca.issueAgent("Alger 01", Validity.fromNow(Duration.ofDays(1))))
                .hasMessageContaining("\"Alger 01\"")
                .hasMessageContaining("expected: 1-63 lowercase letters");
    }

    @Test
    void caWrittenAsPemLoadsBackAndKeepsIssuing(@TempDir Path dir) throws Exception {
        ca.writePem(dir, "ca");

        CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("ca.pem"), dir.resolve("ca.key"));
        X509Certificate cert = loaded.issueAgent("blida-03", Validity.fromNow(Duration.ofDays(1)))
                .certificate();

        cert.verify(ca.certificate().getPublicKey());
    }
}
