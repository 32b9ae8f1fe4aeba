package io.printbridge.server.db;

import io.micronaut.transaction.annotation.Transactional;
import io.printbridge.server.jobs.Job;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** The reads several servers make of the jobs table: what a lost hint would have told them. */
@Singleton
public class ClusterJobs {

    private final JobRepository jobs;

    ClusterJobs(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The jobs among {@code ids} that still exist, in no order. */
    @Transactional(readOnly = true)
    public List<Job> find(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jobs.findByIds(ids).stream().map(JobRows::toJob).toList();
    }

    /** QUEUED jobs of the stores whose streams {@code serverId} holds, unchanged since {@code before}, oldest first. */
    @Transactional(readOnly = true)
    public List<Job> queuedHeldBy(String serverId, Instant before, int limit) {
        return jobs.findQueuedHeldBy(serverId, before, limit).stream()
                .map(JobRows::toJob)
                .toList();
    }
}
