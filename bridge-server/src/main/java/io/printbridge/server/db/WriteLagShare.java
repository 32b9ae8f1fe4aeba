package io.printbridge.server.db;

import java.util.concurrent.TimeUnit;

/**
 * The share of new jobs to refuse while the job writes stay behind, worked out as RFC 8033's PIE
 * works out a router's drop probability: the share rises for as long as the writes' wait stays over
 * its target and falls while it is under, so it settles where the jobs taken are what the server
 * writes in time, and it keeps rising until the wait is back at the target even when the excess
 * waits elsewhere.
 *
 * <p>Why: an ERP whose own connections bound what it has in flight keeps the server's queues short
 * and its excess in its own queue, which the server cannot see; past its rate the server held its
 * 256 requests, each a little late, while the answers waited seconds in the ERP. What the server
 * does see is its writes staying tens of milliseconds behind for minutes (56 to 111 ms at 2,500 jobs
 * a second on 1,000 shops, against 0 to 30 ms at 1,000). A share that only followed the wait
 * refused the excess at best and left the ERP's backlog where it was.
 *
 * <p>What keeps it from refusing a server that keeps up: the wait is smoothed over about {@link
 * #SMOOTHING_NANOS}, the share only starts to rise once the smoothed wait has stayed over the target
 * for {@link #BURST_ALLOWANCE_NANOS} (a collector's pause, a stall of a few hundred milliseconds
 * starts nothing), and a wait far over the target raises it no faster than one twice the target
 * (a long stall is {@code bridge.jobs.max-write-lag}'s to refuse, all at once).
 *
 * <p>Updated by the writer thread at each group commit; read by any thread.
 */
final class WriteLagShare {

    /** How long the smoothed wait must stay over the target before any job is refused. */
    static final long BURST_ALLOWANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The smoothing's time constant: a few dozen group commits at a peak. */
    static final long SMOOTHING_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The share's change a second for a wait one target over (or, under, by how much under). */
    static final double GAIN_PER_SECOND = 1.0;
    /** The most this refuses: every job refused is {@code max-write-lag}'s decision, not this one's. */
    static final double MAX_SHARE = 0.9;
    /** Longer than this without a group commit, the writer was idle: the share starts again from 0. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long NONE = Long.MIN_VALUE;
    /** At most this much time counts in one update: a gap between commits is not a wait. */
    private static final long MAX_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long targetNanos;

    // The writer thread's own state.
    private long aboveSince = NONE;

    // Written by the writer thread, read by the request threads too.
    private volatile long lastUpdate = NONE;
    private volatile double share;
    private volatile double smoothedNanos;

    /** @param targetNanos {@code bridge.jobs.standing-write-lag}: a wait up to this is not behind */
    WriteLagShare(long targetNanos) {
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("targetNanos: " + targetNanos + " (expected: more than 0)");
        }
        this.targetNanos = targetNanos;
    }

    /** A group commit starts at {@code now}; its oldest write had waited {@code waitNanos}. */
    void groupStarted(long waitNanos, long now) {
        long last = lastUpdate;
        lastUpdate = now;
        if (last == NONE || now - last > IDLE_NANOS) {
            smoothedNanos = waitNanos;
            aboveSince = NONE;
            share = 0;
            return;
        }
        long step = Math.min(now - last, MAX_STEP_NANOS);
        double smoothed = smoothedNanos;
        smoothed += (waitNanos - smoothed) * (1 - Math.exp(-(double) step / SMOOTHING_NANOS));
        smoothedNanos = smoothed;
        boolean over = smoothed > targetNanos;
        if (over && aboveSince == NONE) {
            aboveSince = now;
        }
        double current = share;
        if (current == 0 && (!over || now - aboveSince < BURST_ALLOWANCE_NANOS)) {
            if (!over) {
                aboveSince = NONE;
            }
            return;
        }
        double error = Math.max(-1, Math.min(1, (smoothed - targetNanos) / targetNanos));
        double next = current + GAIN_PER_SECOND * error * step / TimeUnit.SECONDS.toNanos(1);
        share = Math.max(0, Math.min(MAX_SHARE, next));
        if (share == 0) {
            aboveSince = over ? now : NONE;
        }
    }

    /** The share of new jobs to refuse at {@code now}, from 0 to {@link #MAX_SHARE}. */
    double shareAt(long now) {
        long last = lastUpdate;
        return last == NONE || now - last > IDLE_NANOS ? 0 : share;
    }

    /** How far behind the writes are, smoothed: for a refusal's message. */
    long smoothedWaitNanos() {
        return Math.round(smoothedNanos);
    }
}
