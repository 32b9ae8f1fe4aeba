package io.printbridge.server.dashboard;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.printbridge.server.db.AuditRow;
import java.time.Instant;
import java.util.Collection;
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

    /** Of one store, jobs that ended since a time, and how many of them did not end DONE. */
    @Introspected
    record FailureCount(String storeId, long finished, long failed) {}

    /**
     * Waiting jobs (QUEUED, SENT) of the stores of a fleet page, and their final ones that ended
     * since {@code since}: a page's stores only (the index on {@code store_id} first), so the fleet
     * page's cost does not grow with the fleet.
     */
    @Query("SELECT store_id, state, COUNT(*) AS jobs FROM jobs WHERE store_id IN (:storeIds)"
            + " AND (state IN ('QUEUED', 'SENT') OR updated_at >= :since) GROUP BY store_id, state")
    List<StateCount> counts(Collection<String> storeIds, Instant since);

    /**
     * The stores with at least {@code minFinished} jobs ended since {@code since} of which at least
     * {@code percent} % did not end DONE: the fleet's failure alerts, in one grouped count that
     * answers only the stores in alert rather than a row per store and state.
     */
    @Query("SELECT store_id, COUNT(*) AS finished, SUM(CASE WHEN state = 'DONE' THEN 0 ELSE 1 END) AS failed"
            + " FROM jobs WHERE updated_at >= :since AND state IN ('DONE', 'FAILED', 'EXPIRED', 'UNCERTAIN')"
            + " GROUP BY store_id HAVING COUNT(*) >= :minFinished"
            + " AND SUM(CASE WHEN state = 'DONE' THEN 0 ELSE 1 END) * 100 >= :percent * COUNT(*)")
    List<FailureCount> failing(Instant since, long minFinished, long percent);

    @Query("SELECT id, type, printer, state, created_at, updated_at, requested_by, error_code, error_message "
            + "FROM jobs WHERE store_id = :storeId ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<JobLine> recent(String storeId, int limit);
}
