package io.printbridge.server.http;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A task that runs on one event loop every {@link #PERIOD_NANOS} and notes how late it ran: a
 * loop busy with more requests than it can read runs its tasks late by about as long as a request
 * waits in its connection before it is read, a wait no queue of the server holds.
 *
 * <p>The loop counts as behind once two probes in a row ran more than the target late, from the
 * moment the first of them ran, until one runs in time. One late probe is a stall, not a backlog,
 * and the stall itself is not counted: after a collector's pause (up to a second here while a fleet
 * connects) every loop runs its first task late, then reads what queued meanwhile; the requests
 * it holds must be served, not refused. A loop that stays behind runs every probe late, and the
 * time it stays behind is what counts.
 */
final class LoopProbe implements Runnable {

    /** Often enough to see a backlog within a few tens of milliseconds; a task costs microseconds. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final long NONE = Long.MIN_VALUE;

    private final long targetNanos;
    private final EventExecutor loop;

    // Written by the loop only.
    private long dueAt;
    private long firstLateSince = NONE;
    private long lastLateness;

    /**
     * Since when the loop has been more than the target behind (the first late probe's run), once
     * two probes in a row said so; {@link #NONE} otherwise. Written by the loop, read by the
     * requests of any thread.
     */
    private volatile long behindSince = NONE;

    /**
     * How late the loop runs while it is behind: the smaller lateness of the last two probes (so
     * that a stall among them does not count), 0 when it is not behind. Written by the loop, read
     * by the requests of any thread.
     */
    private volatile long standingLateness;

    LoopProbe(EventExecutor loop, long targetNanos) {
        this.loop = loop;
        this.targetNanos = targetNanos;
    }

    /** Schedules the first probe; later ones schedule themselves until the loop shuts down. */
    void start(long now) {
        schedule(now);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        ran(now);
        schedule(now);
    }

    /** Notes that the probe due at the time {@link #schedule} set ran at {@code now}. */
    void ran(long now) {
        long lateness = now - dueAt;
        if (lateness <= targetNanos) {
            firstLateSince = NONE;
            behindSince = NONE;
            standingLateness = 0;
        } else if (firstLateSince == NONE) {
            firstLateSince = now; // a stall, so far: counted from its end
        } else {
            behindSince = firstLateSince; // late again: a backlog
            standingLateness = Math.min(lateness, lastLateness);
        }
        lastLateness = lateness;
    }

    /** How long the loop has been more than the target behind as of {@code now}; 0 if it is not. */
    long behindFor(long now) {
        long since = behindSince;
        return since == NONE ? 0 : Math.max(0, now - since);
    }

    /** How late the loop runs while it is behind (see {@link #behindFor}); 0 when it is not. */
    long standingLateness() {
        return standingLateness;
    }

    private void schedule(long now) {
        dueAt = now + PERIOD_NANOS;
        if (loop.isShuttingDown()) {
            return;
        }
        try {
            loop.schedule(this, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // The loop began to shut down since the check: the server is stopping, nothing to watch.
        }
    }
}
