package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's part in a job's life: jobs whose time to live ran out are ended (one never sent
 * EXPIRED; one that went down a stream and has no result past the grace UNCERTAIN: the agent may
 * have run it, and only the agent can say; see {@link JobResults#endedWithoutResult}),
 * and final jobs past their retention are deleted, so a store that never comes back does not grow
 * the database forever. Not in the {@code cli} environment: the command line shares the server's
 * context to reach the database and must never end or delete jobs.
 */
@Context
@Requires(notEnv = "cli")
final class JobSweeper {

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);
    /** Jobs expired per sweep; a backlog larger than this is worked off over the next sweeps. */
    private static final int SWEEP_BATCH = 500;
    /** Final jobs deleted per statement when purging. */
    private static final int PURGE_BATCH = 1000;

    private final JobStore store;
    private final JobDelivery delivery;
    private final JobWaiters waiters;
    private final JobsConfig config;
    private final Clock clock;
    /** Before the result grace after this start, a job never sent here may have been sent before it. */
    private final Instant startedAt;
    /**
     * Its own timer thread rather than {@code @Scheduled}: a scheduled task looks its bean up at
     * every run, and one that ran while the context was closing built a new sweeper (and the
     * streams and cluster membership behind it) in a context already torn down.
     */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-sweeper");
        t.setDaemon(true);
        return t;
    });

    JobSweeper(JobStore store, JobDelivery delivery, JobWaiters waiters, JobsConfig config, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.delivery = requireNonNull(delivery, "delivery");
        this.waiters = requireNonNull(waiters, "waiters");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
        long sweepEvery = config.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
        long purgeEvery = config.purgeInterval().toMillis();
        timer.scheduleWithFixedDelay(this::purge, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }

    /** Ends what waited too long; runs every {@code bridge.jobs.sweep-interval}. */
    void sweep() {
        try {
            expireOverdue();
        } catch (RuntimeException e) {
            // The database went away (shutdown, outage): the next sweep tries again.
            log.warn("job sweep failed, retrying at the next one: {}", e.toString());
        }
    }

    /**
     * Deletes final jobs older than {@code bridge.jobs.retention}. Waiting jobs are never deleted
     * here: they end by expiring first.
     */
    void purge() {
        try {
            deleteOldFinalJobs();
        } catch (RuntimeException e) {
            log.warn("purge of old jobs failed, retrying at the next one: {}", e.toString());
        }
    }

    private void expireOverdue() {
        Instant now = clock.instant();
        List<CompletableFuture<?>> changes = new ArrayList<>();
        // Each change is guarded by the job's state and step as read here: one that moved on since
        // (sent meanwhile, answered meanwhile) is left as it is.
        // Never sent by this process is not never sent: the process before it may have sent a job
        // it found in its last moments, before the SENT was written (DeferredSends). The agent,
        // back within the grace, is asked by its stream; only after that does the server's word
        // suffice for such a job.
        boolean predecessorsWindow = now.isBefore(startedAt.plus(config.resultGrace()));
        for (Job job : store.expiredIn(JobState.QUEUED, false, now, SWEEP_BATCH)) {
            if (!(predecessorsWindow && job.createdAt().isBefore(startedAt))) {
                changes.add(end(job, JobResults.expiredWhileWaiting(job, now)));
            }
        }
        // A job sent before, on a stream that ended, waits QUEUED for the agent's next stream, which
        // asks the agent's journal (AgentStream sends it even past its time to live); only an agent
        // that stays away past the grace leaves it UNCERTAIN.
        Instant graceOver = now.minus(config.resultGrace());
        for (Job job : store.expiredIn(JobState.QUEUED, true, graceOver, SWEEP_BATCH)) {
            changes.add(end(job, JobResults.endedWithoutResult(job, now)));
        }
        for (Job job : store.expiredIn(JobState.SENT, true, graceOver, SWEEP_BATCH)) {
            changes.add(end(job, JobResults.endedWithoutResult(job, now)));
        }
        // One sweep's changes are written before the next sweep looks, so they never pile up.
        CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).join();
    }

    /** Ends {@code current} as {@code ended}: it leaves its stream's queue (freeing a window slot) and is announced. */
    private CompletableFuture<Void> end(Job current, Job ended) {
        return store.transition(current, ended).thenAccept(applied -> {
            if (applied) {
                delivery.ended(ended);
                waiters.finished(ended);
            }
        });
    }

    private void deleteOldFinalJobs() {
        Instant cutoff = clock.instant().minus(config.retention());
        int deleted;
        int total = 0;
        do {
            deleted = store.deleteFinishedBefore(cutoff, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        if (total > 0) {
            log.info("deleted {} final job(s) whose time to live ended more than {} ago", total, config.retention());
        }
    }
}
