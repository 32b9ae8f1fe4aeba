package io.printbridge.server.grpc;

import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Validity;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Time of one agent-certificate signature check, the JDK's provider (SunEC) against the store CAs'
 * ({@link StoreCaSignatures}), as the trust manager asks for it: {@code X509Certificate.verify} on a
 * certificate just parsed (the JDK remembers a verification on the object, so each round parses its
 * own copies). In the grpc package, whose provider is package-private; run with {@code mvn -B -ntp
 * -Psignature-check -DskipTests verify -pl bridge-server -am} (BENCHMARKS.md, "A faster check of the
 * agents' certificates").
 */
public final class SignatureCheckRun {

    private SignatureCheckRun() {}

    public static void main(String[] args) throws Exception {
        int certificates = Integer.getInteger("bench.certificates", 2000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        DevCertificates store = DevCertificates.create(Files.createTempDirectory("signature-check"), List.of());
        X509Certificate ca = store.ca().certificate();
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < certificates; i++) {
            encoded.add(store.ca()
                    .issueAgent("bench-" + i, Validity.fromNow(Duration.ofDays(2)))
                    .certificate()
                    .getEncoded());
        }
        System.out.printf(
                "%d agent certificates of one store CA (P-256), %d rounds, ms per verification%n",
                certificates, rounds);
        for (int round = 1; round <= rounds; round++) {
            double jdk = millisPerCheck(encoded, ca.getPublicKey(), "SunEC");
            StoreCaSignatures.trust(List.of(ca));
            double ours = millisPerCheck(encoded, ca.getPublicKey(), StoreCaSignatures.NAME);
            System.out.printf(
                    "round %d: SunEC %.3f, StoreCaSignatures %.3f (%.1f times faster)%n", round, jdk, ours, jdk / ours);
        }
    }

    private static double millisPerCheck(List<byte[]> encoded, PublicKey caKey, String provider) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> parsed = new ArrayList<>();
        for (byte[] bytes : encoded) {
            parsed.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
        }
        Signature check = Signature.getInstance("SHA256withECDSA", provider);
        long start = System.nanoTime();
        for (X509Certificate certificate : parsed) {
            certificate.verify(caKey, check.getProvider());
        }
        return (System.nanoTime() - start) / 1e6 / parsed.size();
    }
}
