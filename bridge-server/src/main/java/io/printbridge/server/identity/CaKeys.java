package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Value;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.KeyMatch;
import io.printbridge.certs.Pem;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where this server keeps the private keys of the store CAs it issues with: never in the database
 * (which every replica and every backup shares), but in its data directory,
 * {@code <data-dir>/ca-keys/<fingerprint>.key}, owner-only. Each replica that issues needs the
 * issuing CA's key there ({@code ca add --key} on each, or a copy of the file). The CA imported from
 * the configuration on the first start keeps its key at {@code bridge.identity.ca-key}.
 */
@Singleton
public final class CaKeys {

    private final Path directory;
    private final @Nullable Path configuredKey;

    @Inject
    CaKeys(@Value("${bridge.data-dir}") String dataDir, IdentityConfig identity) {
        this(Path.of(dataDir).resolve("ca-keys"), identity.caKey());
    }

    /** Keys kept in {@code directory}, and {@code configuredKey} for the CA of the configuration. */
    public CaKeys(Path directory, @Nullable Path configuredKey) {
        this.directory = requireNonNull(directory, "directory");
        this.configuredKey = configuredKey;
    }

    /** Where the key of the CA with {@code fingerprint} is kept by {@link #keep}. */
    public Path fileFor(String fingerprint) {
        return directory.resolve(fingerprint + ".key");
    }

    /**
     * The private key of {@code ca}, if this server holds it: {@code bridge.identity.ca-key} when it
     * is this CA's key, else the file {@link #keep} wrote.
     *
     * @throws UncheckedIOException when a key file is there but cannot be read
     */
    public Optional<PrivateKey> find(X509Certificate ca) {
        if (configuredKey != null && Files.isReadable(configuredKey)) {
            PrivateKey key = read(configuredKey);
            if (KeyMatch.matches(key, ca.getPublicKey())) {
                return Optional.of(key);
            }
        }
        Path kept = fileFor(Fingerprints.sha256Hex(ca));
        if (Files.exists(kept)) {
            PrivateKey key = read(kept);
            if (!KeyMatch.matches(key, ca.getPublicKey())) {
                throw new IllegalStateException(kept + " is not the key of store CA " + Fingerprints.sha256Hex(ca)
                        + " (expected: the key `ca add --key` was given for that CA)");
            }
            return Optional.of(key);
        }
        return Optional.empty();
    }

    /**
     * Keeps {@code key} as the key of {@code ca}, owner-only.
     *
     * @return the file written
     * @throws IllegalArgumentException if {@code key} is not {@code ca}'s
     */
    public Path keep(X509Certificate ca, PrivateKey key) {
        if (!KeyMatch.matches(key, ca.getPublicKey())) {
            throw new IllegalArgumentException(
                    "--key: not the key of the CA certificate (expected: the private key that goes with --certificate)");
        }
        Path file = fileFor(Fingerprints.sha256Hex(ca));
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                if (Files.notExists(directory)) {
                    Files.createDirectories(
                            directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
            } else {
                Files.createDirectories(directory);
            }
            Pem.writePrivate(file, Pem.privateKey(key));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot keep the CA key in " + file + " (" + e.getMessage()
                            + "; expected: a data directory this account can write)",
                    e);
        }
    }

    private static PrivateKey read(Path file) {
        try {
            return Pem.readPrivateKey(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the CA key " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
