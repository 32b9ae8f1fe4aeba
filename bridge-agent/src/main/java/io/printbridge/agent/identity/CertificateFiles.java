package io.printbridge.agent.identity;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.link.TlsFiles;
import io.printbridge.certs.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's certificate and key on disk, in three pairs beside the configured files: the pair in
 * use ({@code tls.certificate}, {@code tls.key}), the renewed pair being tried ({@code .next}), and
 * the pair it replaced ({@code .previous}, kept until the next renewal, for IT to fall back on by
 * hand). The renewed pair replaces the one in use only once a server welcomed it ({@link #promote}),
 * by renames, each atomic; an agent stopped halfway finishes the promotion when it starts again
 * ({@link #recover}), so it never starts with a certificate and a key that do not belong together.
 */
public final class CertificateFiles {

    private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);

    private final Path certificate;
    private final Path key;
    private final Path trustedCa;

    /** @param tls the configured files; the certificate and key must be named */
    public CertificateFiles(TlsFiles tls) {
        this.certificate = requireNonNull(tls.certificate(), "tls.certificate");
        this.key = requireNonNull(tls.key(), "tls.key");
        this.trustedCa = tls.trustedCa();
    }

    /** The pair in use, with the CA bundle. */
    public TlsFiles current() {
        return new TlsFiles(certificate, key, trustedCa);
    }

    /** The renewed pair, with the CA bundle (which the renewal replaced too). */
    public TlsFiles next() {
        return new TlsFiles(beside(certificate, "next"), beside(key, "next"), trustedCa);
    }

    /** The pair the last promotion replaced. */
    public TlsFiles previous() {
        return new TlsFiles(beside(certificate, "previous"), beside(key, "previous"), trustedCa);
    }

    /** The certificate in use. */
    public X509Certificate readCurrent() throws IOException {
        return Pem.readCertificate(certificate);
    }

    /** Writes the renewed pair's new private key, owner-only, before its certificate is asked for. */
    public void writeNextKey(PrivateKey privateKey) throws IOException {
        AtomicFiles.write(beside(key, "next"), Pem.privateKey(privateKey).getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Writes the renewed pair's certificate, once the server issued it. */
    public void writeNextCertificate(X509Certificate renewed) throws IOException {
        AtomicFiles.write(
                beside(certificate, "next"), Pem.certificate(renewed).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Whether a complete renewed pair is on disk: a certificate and the key it was issued for. */
    public boolean hasNext() {
        Path nextCertificate = beside(certificate, "next");
        Path nextKey = beside(key, "next");
        return Files.exists(nextCertificate) && Files.exists(nextKey) && belong(nextCertificate, nextKey);
    }

    /**
     * Puts the renewed pair in use: the pair in use becomes {@code .previous} (replacing the one
     * before), the renewed one takes its names. Certificate first, then key; {@link #recover}
     * finishes what a stop in between left.
     */
    public void promote() throws IOException {
        Path nextCertificate = beside(certificate, "next");
        Path nextKey = beside(key, "next");
        if (!Files.exists(nextCertificate) || !Files.exists(nextKey)) {
            throw new IOException(
                    "no renewed pair to put in use (expected: " + nextCertificate + " and " + nextKey + ")");
        }
        if (Files.exists(certificate)) {
            AtomicFiles.move(certificate, beside(certificate, "previous"));
        }
        AtomicFiles.move(nextCertificate, certificate);
        finishKey();
    }

    /** Deletes a renewed pair that will not be used (refused, or superseded by a new renewal). */
    public void discardNext() throws IOException {
        Files.deleteIfExists(beside(certificate, "next"));
        Files.deleteIfExists(beside(key, "next"));
    }

    /**
     * Finishes a promotion that a stop interrupted: the renewed certificate moved but not its key
     * (or the certificate in use moved aside, not yet replaced). Nothing to do otherwise.
     */
    public void recover() throws IOException {
        Path nextCertificate = beside(certificate, "next");
        Path nextKey = beside(key, "next");
        if (!Files.exists(certificate) && Files.exists(nextCertificate)) {
            log.warn("finishing the switch to the renewed certificate that was interrupted: {}", nextCertificate);
            AtomicFiles.move(nextCertificate, certificate);
        }
        if (Files.exists(nextKey) && !Files.exists(nextCertificate) && belong(certificate, nextKey)) {
            log.warn("finishing the switch to the renewed key that was interrupted: {}", nextKey);
            finishKey();
        }
    }

    /** Replaces the CA bundle the agent trusts for the server (DER certificates), used from the next connection. */
    public void replaceTrust(List<byte[]> caCertificates) throws IOException {
        if (caCertificates.isEmpty()) {
            throw new IOException("an empty CA bundle (expected: at least one CA certificate); " + trustedCa + " kept");
        }
        StringBuilder bundle = new StringBuilder();
        for (byte[] der : caCertificates) {
            bundle.append(Pem.certificate(parse(der)));
        }
        AtomicFiles.write(trustedCa, bundle.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /** A certificate from its DER encoding. */
    public static X509Certificate parse(byte[] der) throws IOException {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new IOException("not a DER X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    private void finishKey() throws IOException {
        if (Files.exists(key)) {
            AtomicFiles.move(key, beside(key, "previous"));
        }
        AtomicFiles.move(beside(key, "next"), key);
    }

    /** Whether the key in {@code keyFile} is the private half of the certificate in {@code certificateFile}. */
    private static boolean belong(Path certificateFile, Path keyFile) {
        try {
            return matches(Pem.readCertificate(certificateFile).getPublicKey(), Pem.readPrivateKey(keyFile));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code privateKey} signs what {@code publicKey} verifies. */
    static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        // Providers name EC keys "EC" (the JDK) or "ECDSA" (BouncyCastle, once registered).
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "";
        };
        if (algorithm.isEmpty()) {
            return false;
        }
        try {
            byte[] probe = "printbridge key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Path beside(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + "." + suffix);
    }
}
