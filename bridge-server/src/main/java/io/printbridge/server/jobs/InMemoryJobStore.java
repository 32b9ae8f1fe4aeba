package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Jobs in memory, behind one lock, with the indexes the hot paths need: each store's queue in
 * delivery order, each store's sent jobs, and the waiting jobs by expiry for the sweep. Every
 * operation costs O(log n) in the jobs concerned, not a scan of all jobs ever stored.
 * Lost on restart: the durable store replaces it.
 */
public final class InMemoryJobStore implements JobStore {

    /** Type priority first (drawer before prints), then oldest first. All fields are immutable. */
    private static final Comparator<Job> DELIVERY_ORDER = Comparator
            .comparingInt((Job j) -> j.type().priority())
            .thenComparing(Job::createdAt)
            .thenComparing(Job::id);
    private static final Comparator<Job> EXPIRY_ORDER = Comparator.comparing(Job::expiresAt).thenComparing(Job::id);

    private final Map<String, Job> jobs = new HashMap<>();
    /** Per store, per state (QUEUED and SENT only), in delivery order. */
    private final Map<String, Map<JobState, NavigableSet<Job>>> waiting = new HashMap<>();
    /** QUEUED and SENT jobs by expiry. */
    private final Map<JobState, NavigableSet<Job>> byExpiry = Map.of(
            JobState.QUEUED, new TreeSet<>(EXPIRY_ORDER), JobState.SENT, new TreeSet<>(EXPIRY_ORDER));

    @Override
    public synchronized Job insert(Job job, int maxQueued) throws QueueFullException {
        int queued = countQueued(job.storeId());
        if (queued >= maxQueued) {
            throw new QueueFullException("store " + job.storeId() + " already has " + queued + " jobs waiting (limit " + maxQueued + ")");
        }
        if (jobs.containsKey(job.id())) {
            throw new IllegalStateException("job id " + job.id() + " exists already");
        }
        put(job);
        return job;
    }

    @Override
    public synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<Job> claimNext(String storeId, Instant now) {
        for (Job job : set(storeId, JobState.QUEUED)) {
            if (job.expiresAt().isAfter(now)) {
                Job sent = job.to(JobState.SENT, now, "sent to the agent");
                replace(job, sent);
                return Optional.of(sent);
            }
            // An expired job stays for the sweep to mark EXPIRED; it is never sent.
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Job> update(String id, JobState expected, UnaryOperator<Job> change) {
        Job job = jobs.get(id);
        if (job == null || job.state() != expected) {
            return Optional.empty();
        }
        Job changed = change.apply(job);
        replace(job, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized List<Job> inState(String storeId, JobState state) {
        if (state != JobState.QUEUED && state != JobState.SENT) {
            return jobs.values().stream().filter(j -> j.storeId().equals(storeId) && j.state() == state)
                    .sorted(DELIVERY_ORDER).toList();
        }
        return List.copyOf(set(storeId, state));
    }

    @Override
    public synchronized List<Job> expiredIn(JobState state, Instant now) {
        NavigableSet<Job> index = byExpiry.get(state);
        if (index == null) {
            return List.of();
        }
        List<Job> expired = new ArrayList<>();
        for (Job job : index) {
            if (job.expiresAt().isAfter(now)) {
                break;
            }
            expired.add(job);
        }
        return expired;
    }

    @Override
    public synchronized int countQueued(String storeId) {
        return set(storeId, JobState.QUEUED).size();
    }

    private void replace(Job before, Job after) {
        unindex(before);
        put(after);
    }

    private void put(Job job) {
        jobs.put(job.id(), job);
        if (byExpiry.containsKey(job.state())) {
            set(job.storeId(), job.state()).add(job);
            byExpiry.get(job.state()).add(job);
        }
    }

    private void unindex(Job job) {
        if (byExpiry.containsKey(job.state())) {
            set(job.storeId(), job.state()).remove(job);
            byExpiry.get(job.state()).remove(job);
        }
    }

    private NavigableSet<Job> set(String storeId, JobState state) {
        return waiting.computeIfAbsent(storeId, k -> new HashMap<>())
                .computeIfAbsent(state, k -> new TreeSet<>(DELIVERY_ORDER));
    }
}
