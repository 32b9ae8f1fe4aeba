package io.printbridge.server.db;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;

/** The {@code audit_log} table: who (which API client) asked for what, and when. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditLogRepository extends GenericRepository<AuditRow, String> {

    @Query("INSERT INTO audit_log (id, at, client, action, store_id, job_id, detail) "
            + "VALUES (:id, :at, :client, :action, :storeId, :jobId, :detail)")
    void record(
            String id,
            Instant at,
            String client,
            String action,
            @io.micronaut.core.annotation.Nullable String storeId,
            @io.micronaut.core.annotation.Nullable String jobId,
            String detail);

    @Query("SELECT COUNT(*) FROM audit_log WHERE client = :client AND action = :action AND job_id = :jobId")
    long count(String client, String action, String jobId);

    @Query("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < :cutoff ORDER BY at LIMIT :limit)")
    int deleteOlderThan(Instant cutoff, int limit);

    @Query("SELECT COUNT(*) FROM audit_log")
    long countAll();
}
