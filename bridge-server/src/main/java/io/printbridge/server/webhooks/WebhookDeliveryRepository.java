package io.printbridge.server.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code webhook_deliveries} table. Portable SQL: the same statements run on PostgreSQL and H2. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookDeliveryRepository extends GenericRepository<WebhookDeliveryRow, String> {

    Optional<WebhookDeliveryRow> findById(String id);

    List<WebhookDeliveryRow> findByJobId(String jobId);

    /** Pending deliveries whose time has come, oldest due first. */
    @Query("SELECT * FROM webhook_deliveries WHERE state = 'PENDING' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at LIMIT :limit")
    List<WebhookDeliveryRow> findDue(Instant now, int limit);

    /**
     * Starts an attempt: counts it and leases the row until {@code leaseUntil}, so it is tried
     * again after a crash mid-attempt but not twice meanwhile. Applies only if nobody started one
     * since the row was read ({@code attempts} unchanged); returns rows changed.
     */
    @Query("UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = :leaseUntil, updated_at = :now "
            + "WHERE id = :id AND state = 'PENDING' AND attempts = :attempts")
    long claim(String id, int attempts, Instant leaseUntil, Instant now);

    /** Records how an attempt went: delivered, failed for good, or pending again at {@code nextAttemptAt}. */
    @Query("UPDATE webhook_deliveries SET state = :state, next_attempt_at = :nextAttemptAt, updated_at = :now, "
            + "last_status = :lastStatus, last_error = :lastError WHERE id = :id AND state = 'PENDING'")
    long recordAttempt(
            String id,
            String state,
            Instant nextAttemptAt,
            Instant now,
            @Nullable Integer lastStatus,
            @Nullable String lastError);

    /** Deletes delivered and failed rows last changed before {@code cutoff}; returns rows deleted. */
    @Query("DELETE FROM webhook_deliveries WHERE state <> 'PENDING' AND updated_at < :cutoff")
    int deleteFinishedBefore(Instant cutoff);
}
