package io.printbridge.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM text for certificates and PKCS#8 keys, the format grpc-java's TLS setup reads. */
public final class Pem {

    private static final String PRIVATE_KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PRIVATE_KEY_END = "-----END PRIVATE KEY-----";

    /** The key factories a PKCS#8 key is offered to, the store CA's own (EC) first. */
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "EdDSA");

    private Pem() {}

    /** The certificate as PEM text ({@code BEGIN CERTIFICATE}, 64 characters a line, {@code \n} ends). */
    public static String certificate(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(
                    "certificate " + certificate.getSubjectX500Principal() + " cannot be encoded (" + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The private key as unencrypted PKCS#8 PEM text ({@code BEGIN PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " private key in format " + key.getFormat()
                    + " (expected one encoded as PKCS#8, as the JDK's and BouncyCastle's keys are)");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    /** The certificates of a PEM file, in their order (a chain: its own certificate first). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    /**
     * The certificates in PEM {@code text}, in their order (a chain: its own certificate first).
     *
     * @param source what the text is, for the message of an {@link IOException} (a file's name)
     */
    public static List<X509Certificate> parseCertificates(String text, String source) throws IOException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException(source + ": no certificate in it (expected: BEGIN CERTIFICATE)");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IOException(source + ": not PEM X.509 certificates (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The unencrypted PKCS#8 private key in PEM {@code text}: an EC key (what the store CA issues)
     * or an RSA or EdDSA one.
     *
     * <p>Read with the JDK's own decoder and key factories, not BouncyCastle's parser: the agent
     * reads its key at every start, and loading BouncyCastle's provider for it kept about 800
     * classes in a process that must stay small on the till PC (BENCHMARKS.md, the agent at rest).
     *
     * @param source what the text is, for the message of an {@link IOException} (a file's name)
     */
    public static PrivateKey parsePrivateKey(String text, String source) throws IOException {
        int begin = text.indexOf(PRIVATE_KEY_BEGIN);
        int end = begin < 0 ? -1 : text.indexOf(PRIVATE_KEY_END, begin);
        if (begin < 0 || end < 0) {
            throw new IOException(source + ": expected an unencrypted PKCS#8 private key"
                    + " (BEGIN PRIVATE KEY ... END PRIVATE KEY)"
                    + (text.contains("ENCRYPTED PRIVATE KEY") ? ", found an encrypted one" : "")
                    + (text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY")
                            ? ", found a key in its algorithm's own format (convert it: openssl pkcs8 -topk8 -nocrypt)"
                            : ""));
        }
        byte[] der;
        try {
            der = Base64.getDecoder()
                    .decode(text.substring(begin + PRIVATE_KEY_BEGIN.length(), end)
                            .replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    source + ": not a readable PEM private key (its Base64 is broken: " + e.getMessage() + ")", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException notThisOne) {
                // The DER names its algorithm; a factory of another refuses it. Try the next.
            }
        }
        throw new IOException(source + ": not a readable PEM private key (expected a PKCS#8 "
                + String.join(", ", KEY_ALGORITHMS) + " key; the " + der.length
                + " bytes inside are none of them, or are cut)");
    }

    static void write(Path file, String pem) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    /** Writes a private key and, on POSIX file systems, makes it readable by its owner only. */
    public static void writePrivate(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        write(file, pem);
    }

    // Written by hand rather than with BouncyCastle's PEM writer: the agent writes its CA bundle
    // at every Welcome, and that writer alone loaded about a hundred of BouncyCastle's classes.
    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
