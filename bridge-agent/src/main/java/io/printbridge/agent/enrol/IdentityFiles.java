package io.printbridge.agent.enrol;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where an enrolled agent keeps its identity: its private key ({@code agent.key}), its certificate
 * ({@code agent.pem}) and the CA bundle it trusts for the server ({@code ca.pem}), all readable by
 * their owner only.
 */
public record IdentityFiles(Path key, Path certificate, Path caBundle) {

    public IdentityFiles {
        requireNonNull(key, "key");
        requireNonNull(certificate, "certificate");
        requireNonNull(caBundle, "caBundle");
    }

    /** The files in {@code directory}. */
    public static IdentityFiles in(Path directory) {
        return new IdentityFiles(
                directory.resolve("agent.key"), directory.resolve("agent.pem"), directory.resolve("ca.pem"));
    }

    /** Those of the files that exist already. */
    public List<Path> existing() {
        return List.of(key, certificate, caBundle).stream()
                .filter(Files::exists)
                .toList();
    }

    /**
     * Writes the three files, the key first, each whole or not at all.
     *
     * @return false when owner-only access could not be enforced on this file system
     */
    public boolean write(PrivateKey privateKey, X509Certificate own, List<X509Certificate> cas) throws IOException {
        boolean ownerOnly = PrivateFiles.write(key, Pem.privateKey(privateKey), true);
        ownerOnly &= PrivateFiles.write(certificate, Pem.certificate(own), true);
        StringBuilder bundle = new StringBuilder();
        cas.forEach(ca -> bundle.append(Pem.certificate(ca)));
        ownerOnly &= PrivateFiles.write(caBundle, bundle.toString(), true);
        return ownerOnly;
    }
}
