package io.printbridge.server.db;

import java.util.concurrent.TimeUnit;

/**
 * Whether the job writes stand behind: the wait of each group commit's oldest write, smoothed over
 * about {@link #SMOOTHING_NANOS}, has stayed over its target for {@link #BURST_ALLOWANCE_NANOS} or
 * longer. A collector's pause or a stall of a few hundred milliseconds does not stand (a long stall
 * is {@code bridge.jobs.max-write-lag}'s to refuse, all at once); writes that stay some tens of
 * milliseconds behind for seconds do, which is what a server past its rate shows even when the
 * excess waits in the ERP's own queue (56 to 111 ms behind for minutes at 2,500 jobs a second on
 * 1,000 shops, against 0 to 30 ms at 1,000).
 *
 * <p>Updated by the writer thread at each group commit; read by any thread.
 */
final class StandingWriteLag {

    /** How long the smoothed wait must stay over the target before the writes stand behind. */
    static final long BURST_ALLOWANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The smoothing's time constant: a few dozen group commits at a peak. */
    static final long SMOOTHING_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Longer than this without a group commit, the writer was idle: the smoothing starts again. */
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long NONE = Long.MIN_VALUE;
    /** At most this much time counts in one update: a gap between commits is not a wait. */
    private static final long MAX_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long targetNanos;

    // Written by the writer thread, read by the request threads too.
    private volatile long lastUpdate = NONE;
    private volatile long aboveSince = NONE;
    private volatile double smoothedNanos;

    /** @param targetNanos {@code bridge.jobs.standing-write-lag}: a wait up to this is not behind */
    StandingWriteLag(long targetNanos) {
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("targetNanos: " + targetNanos + " (expected: more than 0)");
        }
        this.targetNanos = targetNanos;
    }

    /** A group commit starts at {@code now}; its oldest write had waited {@code waitNanos}. */
    void groupStarted(long waitNanos, long now) {
        long last = lastUpdate;
        lastUpdate = now;
        double smoothed;
        if (last == NONE || now - last > IDLE_NANOS) {
            smoothed = waitNanos;
            aboveSince = NONE;
        } else {
            long step = Math.min(now - last, MAX_STEP_NANOS);
            smoothed = smoothedNanos;
            smoothed += (waitNanos - smoothed) * Smoothing.weight(step, SMOOTHING_NANOS);
        }
        smoothedNanos = smoothed;
        if (smoothed <= targetNanos) {
            aboveSince = NONE;
        } else if (aboveSince == NONE) {
            aboveSince = now;
        }
    }

    /** Whether at {@code now} the writes have stood behind their target for the burst allowance. */
    boolean standingAt(long now) {
        long last = lastUpdate;
        long since = aboveSince;
        return last != NONE && now - last <= IDLE_NANOS && since != NONE && now - since >= BURST_ALLOWANCE_NANOS;
    }

    /** How far behind the writes are, smoothed: for the metrics. */
    long smoothedWaitNanos() {
        return Math.round(smoothedNanos);
    }
}
