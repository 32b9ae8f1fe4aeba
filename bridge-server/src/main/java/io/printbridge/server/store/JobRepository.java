package io.printbridge.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code jobs} table. Portable SQL: the same statements run on PostgreSQL and H2. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobRepository extends GenericRepository<JobRow, String> {

    JobRow save(JobRow row);

    Optional<JobRow> findById(String id);

    Optional<JobRow> findByRequestedByAndIdempotencyKey(String requestedBy, String idempotencyKey);

    long countByStoreIdAndState(String storeId, String state);

    /** The store's next deliverable job: drawer and status first (priority), then oldest. */
    @Query("SELECT * FROM jobs WHERE store_id = :storeId AND state = 'QUEUED' AND expires_at > :now "
            + "ORDER BY priority, created_at, id LIMIT 1")
    Optional<JobRow> findNextQueued(String storeId, Instant now);

    @Query("SELECT * FROM jobs WHERE store_id = :storeId AND state = :state ORDER BY priority, created_at, id")
    List<JobRow> findInState(String storeId, String state);

    @Query("SELECT * FROM jobs WHERE state = :state AND expires_at <= :now ORDER BY expires_at LIMIT :limit")
    List<JobRow> findExpired(String state, Instant now, int limit);

    /** Changes the mutable columns only if the job is still in {@code expected} state; returns rows changed. */
    @Query("UPDATE jobs SET state = :state, steps = :steps, updated_at = :updatedAt, sent_at = :sentAt, acknowledged = :acknowledged, "
            + "deliveries = :deliveries, bytes_written = :bytesWritten, error_code = :errorCode, "
            + "error_message = :errorMessage, printer_status = :printerStatus WHERE id = :id AND state = :expected")
    long updateIfState(String id, String expected, String state, int steps, Instant updatedAt, @Nullable Instant sentAt,
            boolean acknowledged, int deliveries, long bytesWritten, @Nullable String errorCode,
            @Nullable String errorMessage, @Nullable byte[] printerStatus);

    /** Marks a sent job received by its store's agent, in one statement (it happens for every job). */
    @Query("UPDATE jobs SET acknowledged = TRUE, updated_at = :at WHERE id = :id AND store_id = :storeId AND state = 'SENT'")
    long acknowledge(String id, String storeId, Instant at);

    @Query("SELECT id FROM jobs WHERE updated_at < :cutoff AND state IN ('DONE', 'FAILED', 'EXPIRED', 'UNCERTAIN') "
            + "ORDER BY updated_at LIMIT :limit")
    List<String> findFinishedBefore(Instant cutoff, int limit);

    @Query("DELETE FROM jobs WHERE id IN (:ids)")
    int deleteByIds(List<String> ids);
}
