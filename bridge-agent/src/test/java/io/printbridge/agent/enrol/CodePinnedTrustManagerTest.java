package io.printbridge.agent.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Validity;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an enrolling agent accepts as its server on first contact, with nothing but its code. */
class CodePinnedTrustManagerTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("store CA", Duration.ofDays(30));
    private static final CertificateAuthority OTHER = CertificateAuthority.create("someone's CA", Duration.ofDays(30));
    private static final EnrolmentCode CODE = EnrolmentCode.create(CA.certificate());

    @Test
    void theServerIsAcceptedWhenItsCaIsTheOneTheCodeNamesAndItsCertificateNamesTheHost() throws Exception {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "bridge.example.com");

        trust.checkServerTrusted(chain(server(CA, "bridge.example.com"), CA.certificate()), "ECDHE_ECDSA");

        assertThat(trust.pinnedCa()).contains(CA.certificate());
        assertThat(trust.refusal()).isEmpty();
    }

    @Test
    void aServerWithoutTheCaInItsChainIsRefused() {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "bridge.example.com");

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(server(CA, "bridge.example.com")), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not come from the CA this code names")
                .hasMessageContaining("A man in the middle");
        assertThat(trust.refusal()).isPresent();
    }

    @Test
    void aManInTheMiddleShowingTheRealCaBesideItsOwnCertificateIsRefused() {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "bridge.example.com");

        assertThatThrownBy(() -> trust.checkServerTrusted(
                        chain(server(OTHER, "bridge.example.com"), OTHER.certificate(), CA.certificate()),
                        "ECDHE_ECDSA"))
                .hasMessageContaining("is not valid under the CA the code names");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "bridge.example.com");

        assertThatThrownBy(() -> trust.checkServerTrusted(
                        chain(server(CA, "other.example.com"), CA.certificate()), "ECDHE_ECDSA"))
                .hasMessageContaining("is not for bridge.example.com (it names other.example.com)");
    }

    @Test
    void anExpiredServerCertificateIsRefused() {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "bridge.example.com");
        Instant now = Instant.now();
        X509Certificate expired = CA.issueServer(
                        List.of("bridge.example.com"), new Validity(now.minusSeconds(7200), now.minusSeconds(3600)))
                .certificate();

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(expired, CA.certificate()), "ECDHE_ECDSA"))
                .hasMessageContaining("is not valid under the CA the code names");
    }

    @Test
    void addressesAreMatchedAgainstTheCertificatesAddresses() throws Exception {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(CODE, "127.0.0.1");

        trust.checkServerTrusted(chain(server(CA, "127.0.0.1"), CA.certificate()), "ECDHE_ECDSA");

        assertThat(trust.pinnedCa()).isPresent();
    }

    private static X509Certificate server(CertificateAuthority ca, String host) {
        IssuedCertificate issued = ca.issueServer(List.of(host), Validity.fromNow(Duration.ofDays(1)));
        return issued.certificate();
    }

    private static X509Certificate[] chain(X509Certificate... certificates) {
        return certificates;
    }
}
