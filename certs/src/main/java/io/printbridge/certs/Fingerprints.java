package io.printbridge.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints of certificates, as IT reads and compares them. */
public final class Fingerprints {

    private Fingerprints() {}

    /** SHA-256 of the certificate's DER encoding. */
    public static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(
                    "cannot fingerprint certificate " + certificate.getSubjectX500Principal() + ": " + e.getMessage(),
                    e);
        }
    }

    /** {@link #sha256} in lowercase hex, as {@code openssl x509 -fingerprint -sha256} shows it without colons. */
    public static String sha256Hex(X509Certificate certificate) {
        return HexFormat.of().formatHex(sha256(certificate));
    }
}
