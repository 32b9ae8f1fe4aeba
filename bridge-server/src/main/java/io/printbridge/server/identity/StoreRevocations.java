package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.TransactionOperations;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;

/**
 * Revoking a store (a stolen or lost PC), for the admin API and the command line alike: its
 * certificates until now are refused at their next handshake, its live stream is told REVOKED and
 * closed, and the act is audited with who did it. A new enrolment code brings the store back.
 */
@Singleton
public class StoreRevocations {

    /** Reasons are for people, kept short. */
    public static final int MAX_REASON = 500;

    private final CertificateStanding standing;
    private final AuditLogRepository audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public StoreRevocations(
            CertificateStanding standing,
            AuditLogRepository audit,
            TransactionOperations<Connection> transactions,
            Clock clock) {
        this.standing = requireNonNull(standing, "standing");
        this.audit = requireNonNull(audit, "audit");
        this.transactions = requireNonNull(transactions, "transactions");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Revokes {@code storeId}.
     *
     * @param by who asks, for the audit log (an admin token's name, or {@code cli:<user>})
     * @throws IllegalArgumentException naming the bad store id or reason
     */
    public Instant revoke(String by, String storeId, String reason) {
        if (!StoreIdentity.isValidStoreId(storeId)) {
            throw new IllegalArgumentException(
                    "store: \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        String why = reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: " + why.length() + " characters (expected: 1 to " + MAX_REASON
                    + ", why the store is revoked, for the audit log)");
        }
        Instant at = transactions.executeWrite(status -> {
            Instant revoked = standing.recordRevocation(storeId, by, why);
            audit.record(TimeOrderedIds.next(), clock.instant(), by, "store.revoke", storeId, null, why);
            return revoked;
        });
        // Committed: this server refuses the certificates now and closes the store's live stream.
        standing.refresh();
        return at;
    }
}
