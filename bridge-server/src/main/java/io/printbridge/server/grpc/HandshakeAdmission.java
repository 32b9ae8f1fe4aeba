package io.printbridge.server.grpc;

import io.micronaut.context.annotation.Requires;
import io.printbridge.logging.RateLimitedLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many agents' TLS handshakes run at once, and who waits for one: a counting semaphore with a
 * bounded queue served newest first, shared by every connection of the agents' port.
 *
 * <p>Why: a fleet that dials at once (a restart, a network back) used to start ten thousand
 * handshakes together. Each got a thin slice of the two cores, none finished within the agents'
 * 10 s handshake timeout, and they all dialled again: the CPU went to handshakes that were thrown
 * away. Admitted a bounded number at a time, each handshake ends in milliseconds and the CPU serves
 * as many as it can; the rest wait unread (their ClientHello stays in the kernel's buffer, see
 * {@link HandshakeGate}). When as many connections are unfinished as the slots and the queue hold,
 * the listening sockets stop accepting ({@link AcceptLimiter}) until half the queue is free: new
 * dials then wait in the kernel at no cost to either side. Closing them instead, as this did
 * first, made 10,000 agents dial 2,900 times a second and spend both sides' cores on connections
 * that never got a handshake (BENCHMARKS.md). A connection past the queue's bound all the same (one
 * that no limiter counted) is closed before any crypto.
 *
 * <p>Agents wait 60 s for their handshake (AgentChannels), and the server's own TLS clock starts
 * only at admission (HandshakeGate), so a connection may wait here up to {@code
 * handshake-queue-timeout} (40 s): a fleet of 10,000 is accepted at once and served in turn, instead
 * of being dropped by the kernel and dialling again (BENCHMARKS.md, "Patient agents").
 *
 * <p>A freed slot goes straight to a waiter, never back to the pool while one waits, so a newcomer
 * cannot take it. The waiter is the <b>newest</b> one: under a storm of agents that wait only 10 s
 * (those built before the patient handshake), the oldest waiters are the ones whose 10 s is nearly
 * spent, and a handshake given to them ends after the agent has given up, wasted; the newest still
 * has most of its 10 s. First in, first out, a 10,000-agent storm had 21,821 dials end on the
 * agents' handshake timeout; newest first,
 * 2,823 and 7,010 in two runs, with 1.4 to 1.7 times as many agents connected after 50 s
 * (BENCHMARKS.md, "Newest first"). An old waiter is not starved for long: at {@code
 * handshake-queue-timeout} it is closed and its agent dials again.
 *
 * <p>Thread-safe: every connection's event loop calls in. One lock, held for O(1) work only
 * (amortized: the queue now and then drops the waiters withdrawn from it); a waiter is told it is
 * admitted outside the lock.
 */
@Singleton
@Requires(notEnv = "cli")
public final class HandshakeAdmission {

    private static final Logger log = LoggerFactory.getLogger(HandshakeAdmission.class);

    /** A connection waiting for a slot. */
    interface Waiter {
        /** This waiter holds a slot now and must {@link #release()} it; called once, on any thread. */
        void admitted();
    }

    /** What became of a connection that asked for a slot. */
    enum Entry {
        /** It holds a slot: its handshake may start. */
        ADMITTED,
        /** It waits in the queue: {@link Waiter#admitted()} follows, unless it is withdrawn first. */
        QUEUED,
        /** The queue is full: close it without reading it. */
        REFUSED
    }

    private final int maxInProgress;
    private final int maxQueued;
    private final Duration queueTimeout;
    private final Duration handshakeTimeout;

    private final Object lock = new Object();
    private int inProgress;
    /** Connections accepted whose handshake is not over: running, queued, or not yet asking. */
    private int unfinished;
    /** The waiters, taken newest first; a waiter that leaves is removed in O(1). */
    private final NewestFirstQueue<Waiter> queue = new NewestFirstQueue<>();

    /** The sockets told to pause, to be told to resume; guarded by the lock. */
    private final PausedSockets paused = new PausedSockets();

    private final AtomicLong pauses = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** A fleet refused by the thousand is one line a minute, with the count of the others. */
    private final RateLimitedLog refusals = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));

    @Inject
    HandshakeAdmission(GrpcServerConfig config) {
        this(
                config.maxConcurrentHandshakesOrDefault(),
                config.maxQueuedHandshakes(),
                config.handshakeQueueTimeout(),
                config.handshakeTimeout());
    }

    HandshakeAdmission(int maxInProgress, int maxQueued, Duration queueTimeout, Duration handshakeTimeout) {
        if (maxInProgress < 1) {
            throw new IllegalArgumentException(
                    "max-concurrent-handshakes: " + maxInProgress + " (expected: at least 1)");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("max-queued-handshakes: " + maxQueued + " (expected: 0 or more)");
        }
        this.maxInProgress = maxInProgress;
        this.maxQueued = maxQueued;
        this.queueTimeout = queueTimeout;
        this.handshakeTimeout = handshakeTimeout;
    }

    /** A slot now, a place in the queue, or a refusal. */
    Entry enter(Waiter waiter) {
        synchronized (lock) {
            if (inProgress < maxInProgress) {
                inProgress++;
                return Entry.ADMITTED;
            }
            if (queue.size() < maxQueued) {
                queue.add(waiter);
                return Entry.QUEUED;
            }
        }
        refused.incrementAndGet();
        long unlogged = refusals.logNow(System.nanoTime());
        if (unlogged >= 0) {
            log.warn(
                    "agents dial faster than TLS handshakes end: {} handshakes run and {} wait, a new connection"
                            + " is closed before its handshake{} (the agent dials again after its backoff)",
                    maxInProgress,
                    maxQueued,
                    unlogged > 0 ? " (" + unlogged + " more in the last minute)" : "");
        }
        return Entry.REFUSED;
    }

    /**
     * Takes {@code waiter} out of the queue (its deadline passed, or its connection closed).
     *
     * @return false when it was not waiting: it was admitted already (and must release its slot)
     */
    boolean withdraw(Waiter waiter) {
        synchronized (lock) {
            return queue.remove(waiter);
        }
    }

    /** Withdraws a waiter whose queue deadline passed, and counts it. */
    boolean expire(Waiter waiter) {
        return withdrawCounted(waiter, expired);
    }

    /**
     * Withdraws a waiter whose connection closed while it waited, and counts it: its client gave up
     * first (an agent of a version that waited 10 s at most for its handshake, a client gone).
     */
    boolean abandon(Waiter waiter) {
        return withdrawCounted(waiter, abandoned);
    }

    private boolean withdrawCounted(Waiter waiter, AtomicLong outcome) {
        boolean withdrawn = withdraw(waiter);
        if (withdrawn) {
            outcome.incrementAndGet();
        }
        return withdrawn;
    }

    /** Gives back a slot: to the newest waiter if there is one, else to the pool. */
    void release() {
        Waiter next;
        synchronized (lock) {
            next = queue.pollNewest();
            if (next == null) {
                if (inProgress <= 0) {
                    throw new IllegalStateException("release: no handshake slot is held (a slot released twice?)");
                }
                inProgress--;
                return;
            }
        }
        next.admitted();
    }

    /**
     * A listening socket accepted a connection, which counts until its handshake is over ({@link
     * #finished}); at as many as the slots and the queue hold, {@code socket} stops accepting.
     * Called on the socket's event loop, so the pause holds before its next accept.
     */
    void accepted(ListeningSocket socket) {
        synchronized (lock) {
            unfinished++;
            if (unfinished >= maxInProgress + maxQueued && paused.pause(socket)) {
                pauses.incrementAndGet();
            }
        }
    }

    /** An accepted connection's handshake is over, or it closed; accepting again once half the queue is free. */
    void finished() {
        synchronized (lock) {
            unfinished--;
            if (paused.any() && unfinished <= maxInProgress + maxQueued / 2) {
                paused.resumeAll();
            }
        }
    }

    /** Counts a handshake that ended, for the metrics. */
    void ended(boolean success) {
        (success ? completed : failed).incrementAndGet();
    }

    /** How long a connection may wait in the queue before it is closed. */
    Duration queueTimeout() {
        return queueTimeout;
    }

    /** How long an admitted handshake may take before its connection is closed and its slot freed. */
    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public int maxInProgress() {
        return maxInProgress;
    }

    /** Handshakes that hold a slot now. */
    public int inProgress() {
        synchronized (lock) {
            return inProgress;
        }
    }

    /** Connections waiting for a slot now, unread. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Whether the listening sockets are not accepting now (the slots and the queue are taken). */
    public boolean acceptingPaused() {
        synchronized (lock) {
            return paused.any();
        }
    }

    /** Times accepting stopped because the slots and the queue were taken, since the start. */
    public long pauses() {
        return pauses.get();
    }

    /** Connections closed at once because the queue was full, since the start. */
    public long refused() {
        return refused.get();
    }

    /** Connections closed because they waited in the queue past its deadline, since the start. */
    public long expired() {
        return expired.get();
    }

    /** Connections that closed while they waited for a slot (their client gave up first), since the start. */
    public long abandoned() {
        return abandoned.get();
    }

    /** Handshakes that succeeded, since the start. */
    public long completed() {
        return completed.get();
    }

    /** Admitted handshakes that failed (refused certificate, timeout, peer gone), since the start. */
    public long failed() {
        return failed.get();
    }
}
