package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Validity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store CAs' signature provider decides exactly as the JDK's own provider: every signature it
 * accepts SunEC accepts, every one it refuses SunEC refuses, and it is used for the store CAs' keys
 * only.
 */
class StoreCaSignaturesTest {

    /** The order of P-256, for the high-s twin of a signature (r, n - s), valid in ECDSA too. */
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @TempDir
    static Path dir;

    static DevCertificates store;
    static DevCertificates other;
    static List<X509Certificate> agents;

    @BeforeAll
    static void certificates() throws Exception {
        store = DevCertificates.create(dir.resolve("store"), List.of());
        other = DevCertificates.create(dir.resolve("other"), List.of());
        agents = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> store.ca()
                        .issueAgent("oran-" + i, Validity.fromNow(Duration.ofDays(2)))
                        .certificate())
                .toList();
        StoreCaSignatures.trust(List.of(store.ca().certificate()));
    }

    @Test
    void itIsFirstInTheJvmsListAndTakesTheStoreCasKeysOnly() throws Exception {
        assertThat(Security.getProviders()[0].getName()).isEqualTo(StoreCaSignatures.NAME);

        assertThat(providerFor(store.ca().certificate().getPublicKey())).isEqualTo(StoreCaSignatures.NAME);
        assertThat(providerFor(other.ca().certificate().getPublicKey())).isEqualTo("SunEC");
    }

    @Test
    void aCertificateOfTheStoreCaVerifies() throws Exception {
        for (X509Certificate agent : agents) {
            agent.verify(store.ca().certificate().getPublicKey());
        }
    }

    @Test
    void everySignatureIsJudgedAsSunEcJudgesIt() throws Exception {
        Random random = new Random(20261206);
        PublicKey storeKey = store.ca().certificate().getPublicKey();
        int accepted = 0;
        int refused = 0;
        for (X509Certificate agent : agents) {
            byte[] data = agent.getTBSCertificate();
            byte[] signature = agent.getSignature();
            List<byte[][]> cases = new java.util.ArrayList<>();
            cases.add(new byte[][] {data, signature});
            cases.add(new byte[][] {data, highS(signature)});
            cases.add(new byte[][] {flip(data, random), signature});
            cases.add(new byte[][] {data, flip(signature, random)});
            cases.add(new byte[][] {data, Arrays.copyOf(signature, signature.length - 1)});
            cases.add(new byte[][] {data, Arrays.copyOf(signature, signature.length + 1)});
            cases.add(new byte[][] {data, new byte[0]});
            for (byte[][] c : cases) {
                boolean ours = verifies(Signature.getInstance("SHA256withECDSA", StoreCaSignatures.NAME), storeKey, c);
                boolean jdk = verifies(Signature.getInstance("SHA256withECDSA", "SunEC"), storeKey, c);
                assertThat(ours)
                        .as("signature %s", java.util.HexFormat.of().formatHex(c[1]))
                        .isEqualTo(jdk);
                if (jdk) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(accepted).as("the signatures and their high-s twins").isEqualTo(2 * agents.size());
        assertThat(refused).isEqualTo(5 * agents.size());
    }

    @Test
    void itNeverSigns() throws Exception {
        Signature ours = Signature.getInstance("SHA256withECDSA", StoreCaSignatures.NAME);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ours.initSign(store.ca()
                        .issueAgent("oran-signer", Validity.fromNow(Duration.ofDays(1)))
                        .privateKey()))
                .hasMessageContaining("only verifies");
    }

    private static String providerFor(PublicKey key) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initVerify(key);
        return signature.getProvider().getName();
    }

    private static boolean verifies(Signature signature, PublicKey key, byte[][] dataAndSignature) {
        try {
            signature.initVerify(key);
            signature.update(dataAndSignature[0]);
            return signature.verify(dataAndSignature[1]);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] flipped = bytes.clone();
        int at = random.nextInt(flipped.length);
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
    }

    private static byte[] highS(byte[] der) throws Exception {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        ASN1EncodableVector twin = new ASN1EncodableVector();
        twin.add(new ASN1Integer(r));
        twin.add(new ASN1Integer(N.subtract(s)));
        return new DERSequence(twin).getEncoded();
    }
}
