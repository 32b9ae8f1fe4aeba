package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key, as issued by {@link CertificateAuthority}. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    public IssuedCertificate {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
    }

    /**
     * Writes {@code <baseName>.pem} (the certificate) and {@code <baseName>.key} (the
     * unencrypted PKCS#8 key, readable by the owner only where the file system allows it).
     *
     * @return the certificate file; the key file sits beside it
     */
    public Path writePem(Path directory, String baseName) throws IOException {
        Files.createDirectories(directory);
        Path certFile = directory.resolve(baseName + ".pem");
        Path keyFile = directory.resolve(baseName + ".key");
        Pem.write(certFile, Pem.certificate(certificate));
        Pem.writePrivate(keyFile, Pem.privateKey(privateKey));
        return certFile;
    }
}
