package io.printbridge.server.db;

import io.micronaut.transaction.annotation.Transactional;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobTransition;
import io.printbridge.server.jobs.Submission;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Jobs in the database: writes through the {@link JobWriter}'s group commits, reads straight from
 * the connection pool (each sees what is committed).
 */
@Singleton
public class JdbcJobStore implements JobStore {

    private final JobWriter writer;
    private final JobRepository jobs;
    private final JobHistoryRepository history;

    @Override
    public long writeLagNanos() {
        return writer.lagNanos();
    }

    @Override
    public boolean newJobsFull() {
        return writer.newJobsFull();
    }

    @Override
    public int newJobsWaiting() {
        return writer.newJobsWaiting();
    }

    JdbcJobStore(JobWriter writer, JobRepository jobs, JobHistoryRepository history) {
        this.writer = writer;
        this.jobs = jobs;
        this.history = history;
    }

    @Override
    public CompletableFuture<List<Submission>> insert(List<Job> jobs, int maxQueued) {
        return writer.submit(new JobWrites.Insert(jobs, maxQueued));
    }

    @Override
    public CompletableFuture<Boolean> transition(Job before, Job after) {
        return writer.submit(new JobWrites.Transition(before, after));
    }

    @Override
    public void sent(Job queued, Job sent) {
        writer.submit(new JobWrites.Sent(queued, sent));
    }

    @Override
    public void acknowledge(String id, String storeId, Instant at) {
        writer.submit(new JobWrites.Acknowledge(id, storeId, at));
    }

    @Override
    public CompletableFuture<TakeOver> takeOver(String storeId, Instant now, String reason) {
        return writer.submit(new JobWrites.Requeue(storeId, now, reason, true));
    }

    @Override
    public CompletableFuture<List<Job>> requeueSent(String storeId, Instant now, String reason) {
        return writer.submit(new JobWrites.Requeue(storeId, now, reason, false)).thenApply(TakeOver::requeued);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Job> find(String id) {
        return jobs.findById(id).map(JobRows::toJob);
    }

    @Override
    @Transactional(readOnly = true)
    public List<JobTransition> history(String id) {
        return history.findSteps(id).stream()
                .map(s -> new JobTransition(s.step(), JobState.valueOf(s.state()), s.at(), s.reason()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Job> expiredIn(JobState state, boolean delivered, Instant before, int limit) {
        List<JobRow> rows = delivered
                ? jobs.findExpiredDelivered(state.name(), before, limit)
                : jobs.findExpiredNeverDelivered(state.name(), before, limit);
        return rows.stream().map(JobRows::toJob).toList();
    }

    @Override
    @Transactional
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        List<String> ids = new ArrayList<>();
        for (JobState state : JobState.values()) {
            if (state.isFinal() && ids.size() < limit) {
                ids.addAll(jobs.findInStateExpiredBefore(state.name(), cutoff, limit - ids.size()));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        history.deleteByJobIds(ids);
        return jobs.deleteByIds(ids);
    }
}
