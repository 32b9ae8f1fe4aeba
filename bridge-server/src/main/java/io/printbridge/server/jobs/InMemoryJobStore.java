package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Jobs in memory, behind one lock. Lost on restart: the durable store replaces it.
 */
public final class InMemoryJobStore implements JobStore {

    private static final Comparator<Job> DELIVERY_ORDER = Comparator
            .comparingInt((Job j) -> j.type().priority())
            .thenComparing(Job::createdAt)
            .thenComparing(Job::id);

    private final Map<String, Job> jobs = new HashMap<>();

    @Override
    public synchronized Job insert(Job job, int maxQueued) throws QueueFullException {
        int queued = countQueued(job.storeId());
        if (queued >= maxQueued) {
            throw new QueueFullException("store " + job.storeId() + " already has " + queued + " jobs waiting (limit " + maxQueued + ")");
        }
        if (jobs.putIfAbsent(job.id(), job) != null) {
            throw new IllegalStateException("job id " + job.id() + " exists already");
        }
        return job;
    }

    @Override
    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<Job> claimNext(String storeId, Instant now) {
        Optional<Job> next = jobs.values().stream()
                .filter(j -> j.storeId().equals(storeId) && j.state() == JobState.QUEUED && j.expiresAt().isAfter(now))
                .min(DELIVERY_ORDER);
        next.ifPresent(job -> jobs.put(job.id(), job.to(JobState.SENT, now, "sent to the agent")));
        return next.map(job -> jobs.get(job.id()));
    }

    @Override
    public synchronized Optional<Job> update(String id, JobState expected, UnaryOperator<Job> change) {
        Job job = jobs.get(id);
        if (job == null || job.state() != expected) {
            return Optional.empty();
        }
        Job changed = change.apply(job);
        jobs.put(id, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized List<Job> inState(String storeId, JobState state) {
        return jobs.values().stream()
                .filter(j -> j.storeId().equals(storeId) && j.state() == state)
                .sorted(DELIVERY_ORDER)
                .toList();
    }

    @Override
    public synchronized List<Job> expiredIn(JobState state, Instant now) {
        return jobs.values().stream().filter(j -> j.state() == state && !j.expiresAt().isAfter(now)).toList();
    }

    @Override
    public synchronized int countQueued(String storeId) {
        return (int) jobs.values().stream().filter(j -> j.storeId().equals(storeId) && j.state() == JobState.QUEUED).count();
    }
}
