package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key, as issued by {@link CertificateAuthority}.
 *
 * @param intermediates the CA certificates between it and the root CA, which TLS sends along with
 *     it; none for what the store CA signs itself
 */
public record IssuedCertificate(
        X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> intermediates) {

    public IssuedCertificate {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
        intermediates = List.copyOf(intermediates);
    }

    public IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this(certificate, privateKey, List.of());
    }

    /**
     * Writes {@code <baseName>.pem} (the certificate, then its intermediates) and {@code <baseName>.key} (the
     * unencrypted PKCS#8 key, readable by the owner only where the file system allows it).
     *
     * @return the certificate file; the key file sits beside it
     */
    public Path writePem(Path directory, String baseName) throws IOException {
        Files.createDirectories(directory);
        Path certFile = directory.resolve(baseName + ".pem");
        Path keyFile = directory.resolve(baseName + ".key");
        StringBuilder chain = new StringBuilder(Pem.certificate(certificate));
        intermediates.forEach(intermediate -> chain.append(Pem.certificate(intermediate)));
        Pem.write(certFile, chain.toString());
        Pem.writePrivate(keyFile, Pem.privateKey(privateKey));
        return certFile;
    }
}
