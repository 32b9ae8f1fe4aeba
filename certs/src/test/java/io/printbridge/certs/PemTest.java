package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void anAgentKeyReadsBackAsTheSameKey() throws IOException {
        PrivateKey key = AgentKeys.generate().getPrivate();

        PrivateKey read = Pem.parsePrivateKey(Pem.privateKey(key), "agent.key");

        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThat(read.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void aChainWrittenAsPemReadsBackInItsOrderWithLinesOf64() throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("test CA", Duration.ofDays(1));
        X509Certificate agent =
                ca.issueAgent("alger-01", Validity.fromNow(Duration.ofDays(1))).certificate();

        String pem = Pem.certificate(agent) + Pem.certificate(ca.certificate());

        assertThat(Pem.parseCertificates(pem, "chain.pem")).containsExactly(agent, ca.certificate());
        assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
                .allSatisfy(line -> assertThat(line.length()).isBetween(1, 64));
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    }

    @Test
    void anRsaKeyReadsBackToo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();

        PrivateKey read = Pem.parsePrivateKey(Pem.privateKey(pair.getPrivate()), "rsa.key");

        assertThat(read.getAlgorithm()).isEqualTo("RSA");
        assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void textAroundTheKeyIsIgnored() throws IOException {
        PrivateKey key = AgentKeys.generate().getPrivate();

        PrivateKey read =
                Pem.parsePrivateKey("Bag Attributes\r\n" + Pem.privateKey(key).replace("\n", "\r\n"), "k");

        assertThat(read.getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void aKeyInItsAlgorithmsOwnFormatIsNamedWithTheCommandThatConvertsIt() {
        String sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.parsePrivateKey(sec1, "shop.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shop.key")
                .hasMessageContaining("BEGIN PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void anEncryptedKeyIsNamedAsSuch() {
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.parsePrivateKey(encrypted, "shop.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("found an encrypted one");
    }

    @Test
    void aCutKeyIsRefusedWithItsFileName() throws IOException {
        String pem = Pem.privateKey(AgentKeys.generate().getPrivate());
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        String cut = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length / 2))
                + "\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.parsePrivateKey(cut, "agent.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("agent.key")
                .hasMessageContaining("are none of them, or are cut");
    }

    @Test
    void brokenBase64IsRefused() {
        String garbled = "-----BEGIN PRIVATE KEY-----\nnot*base64!\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> Pem.parsePrivateKey(garbled, "agent.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Base64");
    }

    @Test
    void aCertificateInPlaceOfTheKeyIsRefused() {
        assertThatThrownBy(() -> Pem.parsePrivateKey(
                        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "agent.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected an unencrypted PKCS#8 private key");
    }
}
