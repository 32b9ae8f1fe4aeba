package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.server.grpc.GrpcServerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA with which the server issues agent certificates: the store CA itself, whose key the
 * server holds ({@code bridge.identity.ca-key}). Not a sub-CA of an offline root: agents and the
 * server trust the store CA directly and no chain may pass through an intermediate (pathLen 0), a
 * sub-CA key on the server could mint agent certificates just the same, and replacing a CA is
 * what the rollover is for. Without the key, the server issues nothing and says so.
 */
@Singleton
public final class IssuingCa {

    private static final Logger log = LoggerFactory.getLogger(IssuingCa.class);

    private final @Nullable CertificateAuthority ca;
    private final IdentityConfig config;

    public IssuingCa(IdentityConfig config, GrpcServerConfig grpc) {
        this.config = requireNonNull(config, "config");
        Path key = config.caKey();
        this.ca = key == null ? null : load(grpc.clientCa(), key);
        if (ca == null) {
            log.info(
                    "no issuing CA key (bridge.identity.ca-key): agents cannot enrol or renew their certificates here");
        }
    }

    /** Whether the server can issue certificates. */
    public boolean available() {
        return ca != null;
    }

    /** The issuing CA's certificate. */
    public X509Certificate certificate() {
        return required().certificate();
    }

    /** SHA-256 of the issuing CA's certificate, lowercase hex. */
    public String fingerprint() {
        return Fingerprints.sha256Hex(certificate());
    }

    /**
     * A certificate for the key in {@code request}, speaking for {@code storeId}, valid from
     * {@code backdate} before {@code now} for {@code certificate-lifetime}.
     *
     * @throws IllegalArgumentException naming what is wrong with the request
     * @throws IllegalStateException when the server holds no issuing CA key
     */
    public X509Certificate issue(byte[] request, String storeId, Instant now) {
        return required()
                .issueAgentForRequest(
                        request,
                        storeId,
                        new Validity(now.minus(config.backdate()), now.plus(config.certificateLifetime())));
    }

    /** The CA certificates agents trust for the server. */
    public List<X509Certificate> trusted() {
        return List.of(certificate());
    }

    private CertificateAuthority required() {
        if (ca == null) {
            throw new IllegalStateException("this server holds no issuing CA key (expected: bridge.identity.ca-key,"
                    + " the store CA's key, to issue agent certificates)");
        }
        return ca;
    }

    private static CertificateAuthority load(Path certificate, Path key) {
        try {
            CertificateAuthority loaded = CertificateAuthority.load(certificate, key);
            if (!Pem.readCertificate(certificate)
                    .getPublicKey()
                    .equals(loaded.certificate().getPublicKey())) {
                throw new IllegalStateException(
                        "bridge.identity.ca-key: " + key + " (expected: the key of " + certificate + ")");
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("bridge.identity.ca-key: " + key + " cannot be read: " + e.getMessage(), e);
        }
    }
}
