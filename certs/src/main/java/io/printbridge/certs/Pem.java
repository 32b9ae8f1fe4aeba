package io.printbridge.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text for certificates and PKCS#8 keys, the format grpc-java's TLS setup reads. */
public final class Pem {

    private Pem() {}

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM X.509 certificate (" + e.getMessage() + ")", e);
        }
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
     * The unencrypted PKCS#8 private key in PEM {@code text}.
     *
     * @param source what the text is, for the message of an {@link IOException} (a file's name)
     */
    public static PrivateKey parsePrivateKey(String text, String source) throws IOException {
        try (var parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            if (!(object instanceof PrivateKeyInfo info)) {
                throw new IOException(source + ": expected an unencrypted PKCS#8 private key (BEGIN PRIVATE KEY)");
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (RuntimeException e) {
            // BouncyCastle's parser throws unchecked exceptions on a cut or garbled file.
            throw new IOException(source + ": not a readable PEM private key (" + e + ")", e);
        }
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

    private static String write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
