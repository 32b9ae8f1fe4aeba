package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.streams.AgentSession;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
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
 * <p>Not thread-safe on its own: callers hold the queue's monitor ({@code synchronized (queue)}),
 * which also makes "take the next job and send it" one step.
 */
final class DeliveryQueue {

    /** Drawer and status before prints (priority), then oldest first; the id breaks ties. */
    static final Comparator<Job> DELIVERY_ORDER = Comparator.<Job>comparingInt(j -> j.type().priority())
            .thenComparing(Job::createdAt)
            .thenComparing(Job::id);

    private final AgentSession session;
    private final PriorityQueue<Job> waiting = new PriorityQueue<>(DELIVERY_ORDER);
    private final Set<String> waitingIds = new HashSet<>();
    private final Map<String, Job> sent = new HashMap<>();
    private boolean loaded;

    DeliveryQueue(AgentSession session) {
        this.session = requireNonNull(session, "session");
    }

    AgentSession session() {
        return session;
    }

    boolean isLoaded() {
        return loaded;
    }

    /** A QUEUED job for this store, unless the queue already has it. */
    void add(Job job) {
        if (!sent.containsKey(job.id()) && waitingIds.add(job.id())) {
            waiting.add(job);
        }
    }

    /** The store's queue as read from the database, merged with what was added meanwhile. */
    void loaded(List<Job> queue) {
        queue.forEach(this::add);
        loaded = true;
    }

    /** Takes the next job to send, or null when none waits. */
    @Nullable Job next() {
        Job job = waiting.poll();
        if (job != null) {
            waitingIds.remove(job.id());
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
    @Nullable Job answered(String id) {
        return sent.remove(id);
    }

    void acknowledged(String id, Instant at) {
        sent.computeIfPresent(id, (k, job) -> job.acknowledged(at));
    }

    /** Drops job {@code id}, which something else (the sweep) has ended; true if it was here. */
    boolean forget(String id) {
        if (sent.remove(id) != null) {
            return true;
        }
        if (waitingIds.remove(id)) {
            waiting.removeIf(job -> job.id().equals(id));
            return true;
        }
        return false;
    }

    int waitingCount() {
        return waiting.size();
    }
}
