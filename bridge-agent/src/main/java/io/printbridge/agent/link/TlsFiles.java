package io.printbridge.agent.link;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The agent's TLS material: its own certificate and key (issued by the store CA, carrying the
 * store id) and the CA that signed the server's certificate.
 *
 * @param certificate the agent's certificate (PEM); null only to test a server's refusal
 * @param key the agent's PKCS#8 private key (PEM)
 * @param trustedCa the CA certificate(s) the server certificate must chain to (PEM)
 */
public record TlsFiles(@Nullable Path certificate, @Nullable Path key, Path trustedCa) {

    /** Throws naming the setting whose file is missing. */
    public void requireReadable() {
        check("tls.certificate", certificate);
        check("tls.key", key);
        check("tls.ca", trustedCa);
    }

    private static void check(String setting, @Nullable Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(setting + ": " + file + " (expected: a readable PEM file)");
        }
    }
}
