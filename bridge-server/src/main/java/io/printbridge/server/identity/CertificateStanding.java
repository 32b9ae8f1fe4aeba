package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a certificate may still speak for its store, decided from memory when its agent says
 * Hello: refused if it was revoked, retired by a renewal the server has seen in use (a copy of an
 * old certificate is then refused), or issued before its store was revoked (certificates the
 * server never issued, made with the certs tool, are judged by that rule alone). The handshake has
 * already refused expired certificates and those of another CA.
 *
 * <p>Memory is a snapshot of what the database says (refused serials of certificates not yet
 * expired, and the revoked stores), read at start and again every 30 s, so a revocation made on
 * another server sharing the database is seen here within that time; one made here at once.
 */
@Singleton
public class CertificateStanding {

    private static final Logger log = LoggerFactory.getLogger(CertificateStanding.class);

    /**
     * What the database says, as of its last read (immutable).
     *
     * @param issuedSinceRevocation serials the server issued to revoked stores after their
     *     revocation (a new enrolment): valid from before it (backdated), yet accepted
     */
    private record Snapshot(
            Set<String> refusedSerials, Map<String, Instant> revokedBefore, Set<String> issuedSinceRevocation) {}

    private final StoreCertificateRepository certificates;
    private final StoreRevocationRepository revocations;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final List<Consumer<String>> revokedListeners = new CopyOnWriteArrayList<>();
    /** Where a first handshake is recorded: never on the network's event loop. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "certificate-standing");
        thread.setDaemon(true);
        return thread;
    });

    private volatile Snapshot snapshot = new Snapshot(Set.of(), Map.of(), Set.of());

    public CertificateStanding(
            StoreCertificateRepository certificates,
            StoreRevocationRepository revocations,
            TransactionOperations<Connection> transactions,
            Clock clock) {
        this.certificates = requireNonNull(certificates, "certificates");
        this.revocations = requireNonNull(revocations, "revocations");
        this.transactions = requireNonNull(transactions, "transactions");
        this.clock = requireNonNull(clock, "clock");
        refresh();
    }

    /**
     * Why {@code certificate} may not speak for {@code storeId}, in a sentence for the agent's
     * user and the log, or null when it may.
     */
    public @Nullable String refusal(String storeId, X509Certificate certificate) {
        Snapshot known = snapshot;
        if (known.refusedSerials().contains(CertificateIssuer.serialOf(certificate))) {
            return "this certificate of store " + storeId + " was revoked or replaced by a newer one; ask IT for a new"
                    + " enrolment code";
        }
        Instant revokedBefore = known.revokedBefore().get(storeId);
        if (revokedBefore != null
                && certificate.getNotBefore().toInstant().isBefore(revokedBefore)
                && !known.issuedSinceRevocation().contains(CertificateIssuer.serialOf(certificate))) {
            return "store " + storeId + "'s certificates were revoked at " + revokedBefore
                    + "; ask IT for a new enrolment" + " code";
        }
        return null;
    }

    /**
     * {@code certificate} was welcomed for its store: the first time, that is recorded, and the
     * store's older certificates are retired (the renewal that made it is complete). Off the
     * caller's thread.
     */
    public void inUse(String storeId, X509Certificate certificate) {
        String serial = CertificateIssuer.serialOf(certificate);
        try {
            recorder.execute(() -> {
                try {
                    if (firstSeen(storeId, serial) > 0) {
                        refresh();
                    }
                } catch (RuntimeException e) {
                    log.warn(
                            "certificate {} of store {}: its first use could not be recorded: {}",
                            serial,
                            storeId,
                            e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("not recorded, the server is stopping: certificate {} in use", serial);
        }
    }

    /**
     * Marks the certificate seen and retires the older ones, in one transaction.
     *
     * @return how many older certificates were retired (0 when it was seen before or is not one the server issued)
     */
    private long firstSeen(String storeId, String serial) {
        Instant now = clock.instant();
        long retired = transactions.executeWrite(status ->
                certificates.markSeen(serial, now) == 0 ? 0L : certificates.retireOlder(storeId, serial, now));
        if (retired > 0) {
            log.info("store {}: its new certificate {} is in use; {} older one(s) retired", storeId, serial, retired);
        }
        return retired;
    }

    /**
     * Records that every certificate {@code storeId} has until now is revoked, in the caller's
     * transaction; {@link #refresh()} after its commit makes it count (and closes the live stream).
     */
    Instant recordRevocation(String storeId, String by, String reason) {
        // To the microsecond, as the database keeps it: the time answered is the time stored.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (revocations.update(storeId, now, by, reason) == 0) {
            revocations.insert(storeId, now, by, reason);
        }
        long certificatesRevoked = certificates.revokeStore(storeId, now);
        log.warn(
                "store {} revoked by {} ({}): {} certificate(s) issued by this server, and any older one, refused from now on",
                storeId,
                by,
                reason,
                certificatesRevoked);
        return now;
    }

    /**
     * The server just issued {@code serial} to {@code storeId}: if the store was revoked before, the
     * new certificate is accepted at once (not only from the next read of the database).
     */
    public void issued(String storeId, String serial) {
        Snapshot known = snapshot;
        if (known.revokedBefore().containsKey(storeId)) {
            Set<String> accepted = new HashSet<>(known.issuedSinceRevocation());
            accepted.add(serial);
            snapshot = new Snapshot(known.refusedSerials(), known.revokedBefore(), Set.copyOf(accepted));
        }
    }

    /** {@code listener} hears every store revoked on this server (the streams close the store's live one). */
    public void onRevoked(Consumer<String> listener) {
        revokedListeners.add(requireNonNull(listener, "listener"));
    }

    /** When the store was revoked, if it was. */
    public Optional<Instant> revokedBefore(String storeId) {
        return Optional.ofNullable(snapshot.revokedBefore().get(storeId));
    }

    /**
     * Reads what the database says again. A store revoked since the last read (by another server,
     * or by the command line on the database) has its live stream here closed, as if revoked here.
     */
    public final void refresh() {
        Map<String, Instant> revoked = new HashMap<>();
        for (StoreRevocationRow row : revocations.findAllRevocations()) {
            revoked.put(row.storeId(), row.revokedBefore());
        }
        Snapshot before = snapshot;
        snapshot = new Snapshot(
                Set.copyOf(new HashSet<>(certificates.findRefusedSerials(clock.instant()))),
                Map.copyOf(revoked),
                Set.copyOf(new HashSet<>(certificates.findIssuedSinceRevocation(clock.instant()))));
        revoked.forEach((storeId, at) -> {
            if (!at.equals(before.revokedBefore().get(storeId))) {
                revokedListeners.forEach(listener -> listener.accept(storeId));
            }
        });
    }

    /** Rereads the database every 30 s, for revocations made on another server (not in the command line's context). */
    @Singleton
    @Requires(notEnv = "cli")
    static final class Refresh {

        private final CertificateStanding standing;

        Refresh(CertificateStanding standing) {
            this.standing = standing;
        }

        @Scheduled(fixedDelay = "30s", initialDelay = "30s")
        void refresh() {
            try {
                standing.refresh();
            } catch (RuntimeException e) {
                log.warn("certificate standing not reread, trying again in 30 s: {}", e.toString());
            }
        }
    }
}
