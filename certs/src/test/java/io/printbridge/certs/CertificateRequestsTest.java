package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateRequestsTest {

    private final CertificateAuthority ca = CertificateAuthority.create("test store CA", Duration.ofDays(30));

    @Test
    void theCaIssuesAnAgentCertificateForTheRequestsKeyAndTheStoreItDecides() throws Exception {
        KeyPair keys = AgentKeys.generate();

        X509Certificate issued = ca.issueAgentForRequest(
                CertificateRequests.create(keys, "caisse-1"), "alger-01", Validity.fromNow(Duration.ofDays(90)));

        assertThat(issued.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(StoreIdentity.storeIdOf(issued)).contains("alger-01");
        issued.verify(ca.certificate().getPublicKey());
        new AgentCertificatePolicy(ca.certificate()).check(List.of(issued)); // throws if refused
    }

    @Test
    void aRequestWhoseSignatureDoesNotMatchItsKeyIsRefused() {
        byte[] request = CertificateRequests.create(AgentKeys.generate(), "caisse-1");
        request[request.length - 5] ^= 0x55; // inside the signature

        assertThatThrownBy(() -> CertificateRequests.verifiedKey(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("certificate request:");
    }

    @Test
    void aRequestForAnotherKindOfKeyIsRefusedNamingIt() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair keys = rsa.generateKeyPair();
        byte[] request = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                        new org.bouncycastle.asn1.x500.X500Name("CN=x"), keys.getPublic())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                        .build(keys.getPrivate()))
                .getEncoded();

        assertThatThrownBy(() -> CertificateRequests.verifiedKey(request))
                .hasMessage("certificate request: a RSA key (expected: ECDSA P-256, as the agent makes)");
    }

    @Test
    void garbageAndOversizedRequestsAreRefused() {
        assertThatThrownBy(() -> CertificateRequests.verifiedKey(new byte[] {1, 2, 3}))
                .hasMessageStartingWith("certificate request: not a PKCS#10 request");
        byte[] huge = new byte[CertificateRequests.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) 1);
        assertThatThrownBy(() -> CertificateRequests.verifiedKey(huge))
                .hasMessage("certificate request: 4097 bytes (expected: 1 to 4096 bytes of DER)");
    }

    @Test
    void fingerprintIsTheSha256OfTheDer() throws Exception {
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest(ca.certificate().getEncoded());

        assertThat(Fingerprints.sha256(ca.certificate())).isEqualTo(expected);
        assertThat(Fingerprints.sha256Hex(ca.certificate())).hasSize(64).matches("[0-9a-f]+");
    }
}
