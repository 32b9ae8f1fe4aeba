package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.scheduling.TaskExecutors;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.logging.LogSafe;
import io.printbridge.logging.RateLimitedLog;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews an agent's certificate over its live stream: a new certificate for the new key in the
 * agent's request, for the store of the certificate the stream was opened with (never one the
 * agent names), or a refusal in a sentence the shop's log can show. The old certificate stays
 * valid: it is retired only once the new one is seen in a handshake ({@link CertificateStanding}),
 * so an answer lost on the way never locks a shop out.
 *
 * <p>Issuing reads and writes the database, so it runs on Micronaut's blocking executor, never on
 * the network's event loop where stream messages arrive. Each store may renew at most
 * {@code bridge.identity.renewals-per-hour} times within an hour, counted here for all its streams
 * (a budget per stream would start again with every reconnection).
 */
@Singleton
public class CertificateRenewals {

    private static final Logger log = LoggerFactory.getLogger(CertificateRenewals.class);
    private static final Duration WINDOW = Duration.ofHours(1);

    /** What became of a renewal. */
    public sealed interface Outcome {
        /** A new certificate, recorded, with the CA certificates to trust for the server. */
        record Renewed(CertificateIssuer.Issued issued) implements Outcome {}

        /** Nothing issued, and why, for the agent's log. */
        record Refused(String message) implements Outcome {}
    }

    private final CertificateIssuer issuer;
    private final IssuingCa ca;
    private final StoreCertificateRepository certificates;
    private final StoreRevocationRepository revocations;
    private final IdentityConfig config;
    private final Clock clock;
    private final ExecutorService blocking;
    /** Per store, when its renewals of the last hour were accepted (at most renewals-per-hour each). */
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    /** Per store, the log of refusals decided at once (one line a minute). */
    private final Map<String, RateLimitedLog> refusalLogs = new ConcurrentHashMap<>();

    public CertificateRenewals(
            CertificateIssuer issuer,
            IssuingCa ca,
            StoreCertificateRepository certificates,
            StoreRevocationRepository revocations,
            IdentityConfig config,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.ca = requireNonNull(ca, "ca");
        this.certificates = requireNonNull(certificates, "certificates");
        this.revocations = requireNonNull(revocations, "revocations");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.blocking = requireNonNull(blocking, "blocking");
    }

    /**
     * Renews for {@code storeId}, off the caller's thread; the future never fails (a failure is a
     * refusal saying what went wrong).
     *
     * @param hostname the PC that asked, from its Hello, for people
     * @param current the certificate the stream was opened with (null only for streams made by hand in tests)
     * @param request the agent's PKCS#10 request (DER) for its new key
     */
    public CompletableFuture<Outcome> renew(
            String storeId, String hostname, @Nullable X509Certificate current, byte[] request) {
        if (!ca.available()) {
            return refused(
                    storeId,
                    hostname,
                    "this server holds no issuing CA key, so it cannot renew certificates;"
                            + " the agent keeps its certificate and asks again later (IT: set bridge.identity.ca-key)");
        }
        if (!withinBudget(storeId)) {
            return refused(storeId, hostname, tooMany(storeId));
        }
        try {
            return CompletableFuture.supplyAsync(() -> issue(storeId, hostname, current, request), blocking);
        } catch (RejectedExecutionException e) {
            return refused(storeId, hostname, "the server is stopping; the agent asks again later");
        }
    }

    private Outcome issue(String storeId, String hostname, @Nullable X509Certificate current, byte[] request) {
        try {
            CertificateRequests.verifiedKey(request);
            String revoked = revoked(storeId, current);
            if (revoked != null) {
                log.warn("store {}: renewal from host {} refused: {}", storeId, LogSafe.text(hostname), revoked);
                return new Outcome.Refused(revoked);
            }
            // The database counts what every server sharing it issued, and what this one did before a restart.
            if (certificates.countRenewedSince(storeId, clock.instant().minus(WINDOW)) >= config.renewalsPerHour()) {
                String spent = tooMany(storeId);
                log.warn("store {}: renewal from host {} refused: {}", storeId, LogSafe.text(hostname), spent);
                return new Outcome.Refused(spent);
            }
            CertificateIssuer.Issued issued =
                    issuer.issue(request, storeId, CertificateIssuer.Origin.RENEWAL, hostname);
            X509Certificate certificate = issued.certificate();
            log.info(
                    "store {}: certificate renewed for host {}: serial {}, valid until {}{}",
                    storeId,
                    LogSafe.text(hostname),
                    CertificateIssuer.serialOf(certificate),
                    certificate.getNotAfter().toInstant(),
                    current == null
                            ? ""
                            : " (replaces serial " + CertificateIssuer.serialOf(current) + " once in use)");
            return new Outcome.Renewed(issued);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String why = String.valueOf(e.getMessage());
            log.warn("store {}: renewal from host {} refused: {}", storeId, LogSafe.text(hostname), why);
            return new Outcome.Refused(why);
        } catch (RuntimeException e) {
            log.error("store {}: renewal from host {} failed", storeId, LogSafe.text(hostname), e);
            return new Outcome.Refused("the server could not issue a certificate now ("
                    + e.getClass().getSimpleName() + "); the agent keeps its certificate and asks again later");
        }
    }

    /**
     * Why the certificate in use may not be renewed, read from the database (another server may
     * have revoked the store a moment ago), or null: its store was revoked after it was issued, or
     * it was itself revoked or retired by a newer one in use.
     */
    private @Nullable String revoked(String storeId, @Nullable X509Certificate current) {
        Optional<StoreCertificateRow> row =
                current == null ? Optional.empty() : certificates.findById(CertificateIssuer.serialOf(current));
        if (row.isPresent() && (row.get().revokedAt() != null || row.get().retiredAt() != null)) {
            return "this certificate of store " + storeId
                    + " was revoked or replaced by a newer one: it is not renewed;"
                    + " ask IT for a new enrolment code";
        }
        Optional<StoreRevocationRow> revocation = revocations.findById(storeId);
        if (revocation.isEmpty()) {
            return null;
        }
        Instant before = revocation.get().revokedBefore();
        boolean issuedSince = row.isPresent() && !row.get().issuedAt().isBefore(before);
        boolean validSince =
                current != null && !current.getNotBefore().toInstant().isBefore(before);
        if (issuedSince || validSince) {
            return null; // enrolled again after the revocation
        }
        return "store " + storeId + " was revoked at " + before + ": its certificates are not renewed; ask IT for a new"
                + " enrolment code";
    }

    private String tooMany(String storeId) {
        return "too many renewals: store " + storeId + " was issued " + config.renewalsPerHour()
                + " certificates within the last hour (at most bridge.identity.renewals-per-hour); the agent keeps its"
                + " certificate and asks again later";
    }

    /**
     * Takes one renewal from the store's hourly budget on this server; false when it is spent. Asked
     * renewals count (a request that is refused costs a check too); the database's count of issued
     * ones decides across servers.
     */
    private boolean withinBudget(String storeId) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(storeId, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= config.renewalsPerHour()) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** A refusal decided at once: an agent could ask in a loop, so it is logged once a minute per store. */
    private CompletableFuture<Outcome> refused(String storeId, String hostname, String why) {
        long unlogged = refusalLogs
                .computeIfAbsent(storeId, k -> new RateLimitedLog(TimeUnit.MINUTES.toNanos(1)))
                .logNow(System.nanoTime());
        if (unlogged >= 0) {
            log.warn(
                    "store {}: renewal from host {} refused: {}{}",
                    storeId,
                    LogSafe.text(hostname),
                    why,
                    unlogged > 0 ? " (and " + unlogged + " more refused in the last minute)" : "");
        }
        return CompletableFuture.completedFuture(new Outcome.Refused(why));
    }
}
