package io.printbridge.server.streams;

import io.printbridge.server.jobs.Job;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The deliveries of one agent stream, in memory on the server that holds the stream: the store's
 * waiting jobs in delivery order, and the jobs sent down the stream without a result yet. The
 * database stays the record (every change here is also written, in order, by the job writer);
 * this is what lets the server pick the next job and match a result without reading it back.
 *
 * <p>It starts empty and not {@link #isLoaded() loaded}: new jobs may be {@link #add added}
 * while the store's queue is being read, and {@link #loaded} merges both without duplicates.
 * Nothing is sent before that.
 *
 * <p>Not thread-safe: owned by its {@link AgentStream}, which uses it under its own lock.
 */
final class DeliveryQueue {

    /** Drawer and status before prints (priority), then oldest first; the id breaks ties. */
    static final Comparator<Job> DELIVERY_ORDER = Comparator.<Job>comparingInt(
                    j -> j.type().priority())
            .thenComparing(Job::createdAt)
            .thenComparing(Job::id);

    private final PriorityQueue<Job> waiting = new PriorityQueue<>(DELIVERY_ORDER);
    private final Map<String, Job> waitingById = new HashMap<>();
    private final Map<String, Job> sent = new HashMap<>();
    private boolean loaded;

    boolean isLoaded() {
        return loaded;
    }

    /** A QUEUED job for this store, unless the queue already has it. */
    void add(Job job) {
        if (!sent.containsKey(job.id()) && waitingById.putIfAbsent(job.id(), job) == null) {
            waiting.add(job);
        }
    }

    /** The store's queue as read from the database, merged with what was added meanwhile. */
    void loaded(List<Job> queue) {
        queue.forEach(this::add);
        loaded = true;
    }

    /** Takes the next job to send, or null when none waits. */
    @Nullable
    Job next() {
        Job job = waiting.poll();
        if (job != null) {
            waitingById.remove(job.id());
        }
        return job;
    }

    /** {@code job} (SENT) went down the stream. */
    void sent(Job job) {
        sent.put(job.id(), job);
    }

    int inFlight() {
        return sent.size();
    }

    /** The agent answered job {@code id}: its SENT value, which leaves the window, or null if not sent here. */
    @Nullable
    Job answered(String id) {
        return sent.remove(id);
    }

    /**
     * Takes job {@code id} out of the waiting jobs, for a result that came before its delivery on
     * this stream (the agent answers a job an earlier stream had sent): null if it does not wait.
     */
    @Nullable
    Job takeWaiting(String id) {
        Job job = waitingById.remove(id);
        if (job != null) {
            waiting.remove(job);
        }
        return job;
    }

    /** The agent has sent job {@code id}; false if it is not in flight here. */
    boolean acknowledged(String id, Instant at) {
        return sent.computeIfPresent(id, (k, job) -> job.acknowledged(at)) != null;
    }

    /** Drops job {@code id}, which something else (the sweep) has ended; true if it was here. */
    boolean forget(String id) {
        return sent.remove(id) != null || takeWaiting(id) != null;
    }

    int waitingCount() {
        return waiting.size();
    }
}
