package io.printbridge.server.dashboard;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.printbridge.server.db.AuditRow;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard reads of {@code jobs} beyond one job: counts per store and a store's recent
 * jobs, each bounded. Read-only; jobs are written by the job writer alone.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DashboardJobRepository extends GenericRepository<AuditRow, String> {

    /** How many of a store's jobs are in {@code state}. */
    @Introspected
    record StateCount(String storeId, String state, long jobs) {}

    /** One line of a store's job list. */
    @Introspected
    record JobLine(
            String id,
            String type,
            String printer,
            String state,
            Instant createdAt,
            Instant updatedAt,
            String requestedBy,
            @io.micronaut.core.annotation.Nullable String errorCode,
            @io.micronaut.core.annotation.Nullable String errorMessage) {}

    /** Waiting jobs (QUEUED, SENT) of every store, and final ones that ended since {@code since}. */
    @Query("SELECT store_id, state, COUNT(*) AS jobs FROM jobs "
            + "WHERE state IN ('QUEUED', 'SENT') OR updated_at >= :since GROUP BY store_id, state")
    List<StateCount> counts(Instant since);

    @Query("SELECT id, type, printer, state, created_at, updated_at, requested_by, error_code, error_message "
            + "FROM jobs WHERE store_id = :storeId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<JobLine> recent(String storeId, int limit);
}
