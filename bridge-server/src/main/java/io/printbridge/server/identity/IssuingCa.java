package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.Validity;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA with which the server issues agent certificates: the store CA that is ISSUING in
 * {@link StoreCas}, whose key this server holds ({@link CaKeys}: {@code bridge.identity.ca-key} for
 * the CA of the configuration, {@code <data-dir>/ca-keys/} for one added later). Not a sub-CA of
 * an offline root: agents and the server trust the store CA directly and no chain may pass through
 * an intermediate (pathLen 0), a sub-CA key on the server could mint agent certificates just the
 * same, and replacing a CA is what the rollover is for ({@code bridge-server ca}). Without the key,
 * the server issues nothing and says so.
 */
@Singleton
public final class IssuingCa {

    private static final Logger log = LoggerFactory.getLogger(IssuingCa.class);

    /** The issuing CA at one moment, with its key: what one certificate is issued and recorded with. */
    public record Signer(String fingerprint, CertificateAuthority ca) {

        public X509Certificate certificate() {
            return ca.certificate();
        }
    }

    private final IdentityConfig config;
    private final StoreCas cas;
    private final CaKeys keys;
    /** Loaded CA keys by fingerprint; a CA's key does not change. */
    private final Map<String, CertificateAuthority> loaded = new ConcurrentHashMap<>();

    public IssuingCa(IdentityConfig config, StoreCas cas, CaKeys keys) {
        this.config = requireNonNull(config, "config");
        this.cas = requireNonNull(cas, "cas");
        this.keys = requireNonNull(keys, "keys");
        checkConfiguredKey(config);
        if (!available()) {
            log.info(
                    "no key for the issuing store CA {} on this server (bridge.identity.ca-key, or {}): agents cannot"
                            + " enrol or renew their certificates here",
                    cas.issuing().map(StoreCas.StoreCa::fingerprint).orElse("(none)"),
                    cas.issuing()
                            .map(ca -> keys.fileFor(ca.fingerprint()).toString())
                            .orElse("ca-keys/"));
        }
    }

    /** Whether the server can issue certificates. */
    public boolean available() {
        try {
            return signer().isPresent();
        } catch (RuntimeException e) {
            log.warn("the issuing CA's key cannot be used: {}", e.getMessage());
            return false;
        }
    }

    /** The issuing CA's certificate. */
    public X509Certificate certificate() {
        return cas.issuing()
                .map(StoreCas.StoreCa::certificate)
                .orElseThrow(() -> new IllegalStateException(
                        "no issuing store CA is recorded (expected: bridge-server" + " ca issue-from FINGERPRINT)"));
    }

    /** SHA-256 of the issuing CA's certificate, lowercase hex. */
    public String fingerprint() {
        return required().fingerprint();
    }

    /** The issuing CA and its key as they are now, for one certificate and its record. */
    public Signer current() {
        return required();
    }

    /**
     * A certificate for the key in {@code request}, speaking for {@code storeId}, valid from
     * {@code backdate} before {@code now} for {@code certificate-lifetime}.
     *
     * @throws IllegalArgumentException naming what is wrong with the request
     * @throws IllegalStateException when the server holds no issuing CA key
     */
    public X509Certificate issue(byte[] request, String storeId, Instant now) {
        return issue(required(), request, storeId, now);
    }

    /** {@link #issue(byte[], String, Instant)} with {@code signer}, as {@link #current()} gave it. */
    public X509Certificate issue(Signer signer, byte[] request, String storeId, Instant now) {
        return signer.ca()
                .issueAgentForRequest(
                        request,
                        storeId,
                        new Validity(now.minus(config.backdate()), now.plus(config.certificateLifetime())));
    }

    /** The CA certificates agents trust for the server: every store CA not retired (during a rollover, the old and the new). */
    public List<X509Certificate> trusted() {
        return cas.trusted();
    }

    /** A {@code bridge.identity.ca-key} that belongs to no known CA is a mistake worth a line at start. */
    private void checkConfiguredKey(IdentityConfig config) {
        java.nio.file.Path configured = config.caKey();
        if (configured == null) {
            return;
        }
        try {
            PrivateKey key = io.printbridge.certs.Pem.readPrivateKey(configured);
            boolean known = cas.all().stream()
                    .anyMatch(ca -> io.printbridge.certs.KeyMatch.matches(
                            key, ca.certificate().getPublicKey()));
            if (!known) {
                log.warn(
                        "bridge.identity.ca-key: {} is the key of no store CA this server knows (expected: the key of"
                                + " bridge.grpc.client-ca); it is not used",
                        configured);
            }
        } catch (java.io.IOException e) {
            log.warn("bridge.identity.ca-key: {} cannot be read ({}); it is not used", configured, e.getMessage());
        }
    }

    private Optional<Signer> signer() {
        Optional<StoreCas.StoreCa> issuing = cas.issuing();
        if (issuing.isEmpty()) {
            return Optional.empty();
        }
        StoreCas.StoreCa ca = issuing.get();
        CertificateAuthority authority = loaded.get(ca.fingerprint());
        if (authority == null) {
            Optional<PrivateKey> key = keys.find(ca.certificate());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            authority = CertificateAuthority.of(ca.certificate(), key.get());
            loaded.put(ca.fingerprint(), authority);
        }
        return Optional.of(new Signer(ca.fingerprint(), authority));
    }

    private Signer required() {
        return signer().orElseThrow(() -> new IllegalStateException("this server holds no key for the issuing store CA "
                + cas.issuing().map(StoreCas.StoreCa::fingerprint).orElse("(none recorded)")
                + " (expected: bridge.identity.ca-key for the CA of the configuration, or "
                + cas.issuing()
                        .map(ca -> keys.fileFor(ca.fingerprint()).toString())
                        .orElse("<data-dir>/ca-keys/<fingerprint>.key")
                + ", written by `bridge-server ca add --key` on this server)"));
    }
}
