package io.printbridge.server.db;

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

    Optional<JobRow> findById(String id);

    @Query("SELECT * FROM jobs WHERE requested_by = :requestedBy AND idempotency_key IN (:keys)")
    List<JobRow> findByRequestedByAndIdempotencyKeys(String requestedBy, List<String> keys);

    @Query("SELECT * FROM jobs WHERE store_id = :storeId AND state = :state ORDER BY priority, created_at, id")
    List<JobRow> findInState(String storeId, String state);

    @Query("SELECT * FROM jobs WHERE state = :state AND deliveries = 0 AND expires_at <= :now"
            + " ORDER BY expires_at LIMIT :limit")
    List<JobRow> findExpiredNeverDelivered(String state, Instant now, int limit);

    @Query("SELECT * FROM jobs WHERE state = :state AND deliveries > 0 AND expires_at <= :before"
            + " ORDER BY expires_at LIMIT :limit")
    List<JobRow> findExpiredDelivered(String state, Instant before, int limit);

    /** Jobs in the final {@code state} whose time to live ended before {@code cutoff}: a range of jobs_expiry. */
    @Query("SELECT id FROM jobs WHERE state = :state AND expires_at < :cutoff ORDER BY expires_at LIMIT :limit")
    List<String> findInStateExpiredBefore(String state, Instant cutoff, int limit);

    @Query("SELECT * FROM jobs WHERE id IN (:ids)")
    List<JobRow> findByIds(List<String> ids);

    /** Several servers: the QUEUED jobs of the stores whose streams {@code serverId} holds, changed before {@code before}. */
    @Query("SELECT j.* FROM jobs j JOIN stream_owners o ON o.store_id = j.store_id"
            + " WHERE o.server_id = :serverId AND j.state = 'QUEUED' AND j.updated_at < :before"
            + " ORDER BY j.created_at LIMIT :limit")
    List<JobRow> findQueuedHeldBy(String serverId, Instant before, int limit);

    @Query("DELETE FROM jobs WHERE id IN (:ids)")
    int deleteByIds(List<String> ids);
}
