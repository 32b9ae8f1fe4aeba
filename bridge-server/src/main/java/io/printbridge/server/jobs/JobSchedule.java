package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * When the server expires and purges jobs. Apart from {@link JobService} so that the command
 * line, which shares the server's bean context (environment {@code cli}) to reach the database,
 * never sweeps or deletes jobs while it creates a token.
 */
@Singleton
@Requires(notEnv = "cli")
final class JobSchedule {

    private final JobService jobs;

    JobSchedule(JobService jobs) {
        this.jobs = requireNonNull(jobs, "jobs");
    }

    @Scheduled(fixedDelay = "${bridge.jobs.sweep-interval:1s}")
    void sweep() {
        jobs.sweep();
    }

    @Scheduled(fixedDelay = "${bridge.jobs.purge-interval:10m}", initialDelay = "${bridge.jobs.purge-interval:10m}")
    void purge() {
        jobs.purge();
    }
}
