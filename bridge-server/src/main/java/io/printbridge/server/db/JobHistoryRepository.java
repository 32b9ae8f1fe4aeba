package io.printbridge.server.db;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** The {@code job_history} table: one row per transition. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobHistoryRepository extends GenericRepository<JobHistoryRow, JobHistoryRow.Key> {

    /** One step, as read back for the API (a projection of the row). */
    @Introspected
    record Step(String jobId, int step, String state, Instant at, String reason) {}

    @Query("SELECT job_id, step, state, at, reason FROM job_history WHERE job_id = :jobId ORDER BY step")
    List<Step> findSteps(String jobId);

    @Query("DELETE FROM job_history WHERE job_id IN (:jobIds)")
    int deleteByJobIds(List<String> jobIds);
}
