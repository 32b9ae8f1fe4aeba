package io.printbridge.server.db;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many new jobs may wait for the commit that accepts them while the job writes stand behind
 * ({@link StandingWriteLag}): as many as the writer has shown it can accept in {@code
 * bridge.jobs.standing-write-lag}, so a job taken then is accepted within about that wait, and any
 * one more is refused at once. Past the rate the server serves, the jobs it refuses are then the
 * excess over what it writes, whatever that excess is from one second to the next.
 *
 * <p>Why a count rather than a share of new jobs: a share has to be worked out from how the wait
 * went, and it lags behind it. At 2,500 jobs a second on 10,000 shops a share that rose while the
 * writes stood behind (after RFC 8033's PIE) swung between 0.39 and 0.89 within seconds: high, it
 * refused jobs the writer had room for; falling, it let the ERP's waiting requests in at once and
 * the writes fell behind again. Between runs of the same settings it refused from 21 % to 65 %.
 * A count follows the writer's queue as it is, so a slot freed by a commit is taken by the next
 * job, and nothing is refused while the queue is short.
 *
 * <p>The rate is counted per second of the writer's own work (its commits, staging and flushing),
 * not per second of the clock: a writer busy half the time at 1,000 jobs a second has room for
 * about 2,000, and that, not what it was asked for, is what it can take while a burst waits. Below
 * its rate the two differ (at 1,000 jobs a second, the clock's rate allowed 30 waiting, fewer than
 * a collector's pause brings in); past it the writer works all the time and they agree. And it is
 * the best rate shown of late rather than the rate now: while limiting, the rate now is what the
 * limit let in.
 *
 * <p>Why the target alone, and not the commit under way on top of it: the answers must stay
 * quick, not only the refusals. An ERP's connections bound what it has in flight, so what it
 * sends a second is its connections over the time of an answer; with the commit counted on top,
 * the limit grew with the commits (140 to 180 new jobs instead of 60), the answers took about
 * twice as long, the ERP's 256 connections no longer carried 2,500 requests a second, and its own
 * queue grew to seconds with a third of the jobs refused all the same.
 *
 * <p>What it does not cover: a database whose every commit takes longer than the target (a disk
 * that flushes slowly) keeps the writes behind whatever the load, and the limit, following the
 * rate such commits allow, stays at its floor; {@code bridge.jobs.standing-write-lag} must then
 * be set above a commit's time.
 *
 * <p>Limiting starts once the writes stand behind and lasts until they no longer do and the queue
 * of new jobs, on average, is well under the limit ({@link #CLEAR_UNDER_SHARE}): a limit that
 * lasted while it refused anything kept refusing at 1,000 jobs a second long after a slow patch,
 * each collector's pause filling the queue for a moment. Counted: jobs, those of a batch each;
 * a request is admitted whole or refused whole, once, at its admission.
 */
final class NewJobLimit {

    /**
     * Limiting ends once the writes no longer stand behind and the new jobs waiting, averaged over
     * about a second, are fewer than this share of the limit: the limit no longer holds back a
     * standing queue, only bursts. Past the rate the count stays near the limit (about half of it
     * on average at 2,500 jobs a second on 10,000 shops, between the commits that empty it); at
     * 1,000 jobs a second it averaged a tenth of it, with a burst past it at every collection.
     */
    static final double CLEAR_UNDER_SHARE = 0.25;
    /** The time constant over which the count of new jobs waiting is averaged. */
    static final long SMOOTHING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The fewest new jobs allowed to wait, however slowly the writer has been accepting them: a
     * server whose code is still compiling commits slowly whatever it is asked, and refusing it
     * jobs would not make its commits faster (the write-lag share refused half of a cold server's
     * 300 jobs a second, which it served in time with no share at all).
     */
    static final int MIN_LIMIT = 32;
    /** How often the writer's rate is sampled... */
    static final long RATE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** ...and over how long it is smoothed. */
    static final long RATE_SMOOTHING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long the best rate the writer has shown is remembered (halving about every 3.5 s): the
     * limit follows what the writer can accept, not what it was let accept while limiting, so it
     * cannot shrink itself by refusing.
     */
    static final long PEAK_MEMORY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final long NONE = Long.MIN_VALUE;
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long targetNanos;
    private final AtomicInteger waiting = new AtomicInteger();

    // The writer thread's own state.
    private long windowStart = NONE;
    private int acceptedInWindow;
    private long busyInWindow;
    private boolean sampled;
    /** New jobs accepted per second of the writer's work, smoothed. */
    private double acceptedPerBusySecond;

    private double averageWaiting;

    // Written by the writer thread, read by the request threads too.
    /** The last group commit's end: a limit outlives no idle writer. */
    private volatile long lastCommit = NONE;

    private volatile double peakPerSecond;
    private volatile boolean limiting;

    /** @param targetNanos {@code bridge.jobs.standing-write-lag}: how long a new job may wait, about */
    NewJobLimit(long targetNanos) {
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("targetNanos: " + targetNanos + " (expected: more than 0)");
        }
        this.targetNanos = targetNanos;
    }

    /** New jobs' write is queued; {@link #left} must follow once it is committed or failed. */
    void queued(int jobs) {
        waiting.addAndGet(jobs);
    }

    /** New jobs' write is committed or failed. */
    void left(int jobs) {
        waiting.addAndGet(-jobs);
    }

    /**
     * Writer thread, after each group commit that ended at {@code now}: {@code accepted} new jobs
     * were in it, it took {@code busyNanos} (staging and flushing), and whether the writes stand
     * behind.
     */
    void committed(int accepted, long busyNanos, boolean standingBehind, long now) {
        if (windowStart == NONE) {
            windowStart = now;
        }
        acceptedInWindow += accepted;
        busyInWindow += busyNanos;
        long elapsed = now - windowStart;
        if (elapsed >= RATE_WINDOW_NANOS) {
            // The window's first commit began before it: its work is counted up to the whole window.
            long busy = Math.max(1, Math.min(busyInWindow, elapsed));
            double sample = acceptedInWindow * NANOS_PER_SECOND / busy;
            double weight =
                    sampled ? Smoothing.weight(Math.min(elapsed, RATE_SMOOTHING_NANOS), RATE_SMOOTHING_NANOS) : 1;
            sampled = true;
            acceptedPerBusySecond += (sample - acceptedPerBusySecond) * weight;
            peakPerSecond =
                    Math.max(acceptedPerBusySecond, peakPerSecond * Math.exp(-(double) elapsed / PEAK_MEMORY_NANOS));
            windowStart = now;
            acceptedInWindow = 0;
            busyInWindow = 0;
        }
        if (lastCommit != NONE) {
            double weight = Smoothing.weight(Math.min(now - lastCommit, SMOOTHING_NANOS), SMOOTHING_NANOS);
            averageWaiting += (waiting.get() - averageWaiting) * weight;
        }
        lastCommit = now;
        if (standingBehind) {
            limiting = true;
        } else if (limiting && averageWaiting < CLEAR_UNDER_SHARE * limit()) {
            limiting = false;
        }
    }

    /** Whether to refuse a new job asked for at {@code now}: limiting, and the queue full. */
    boolean refuse(long now) {
        return limiting(now) && waiting.get() >= limit();
    }

    /** New jobs waiting for their commit. */
    int waiting() {
        return waiting.get();
    }

    /** How many new jobs may wait while limiting: what the writer has shown it can accept in the target wait. */
    int limit() {
        return Math.max(MIN_LIMIT, (int) Math.round(peakPerSecond * targetNanos / NANOS_PER_SECOND));
    }

    /**
     * Whether new jobs are limited at {@code now}: the writes stood behind and the queue has stayed
     * near the limit since. A writer idle for {@link StandingWriteLag#IDLE_NANOS} limits nothing: the load that
     * set the limit is gone, and the next burst is judged afresh.
     */
    boolean limiting(long now) {
        long last = lastCommit;
        return limiting && last != NONE && now - last <= StandingWriteLag.IDLE_NANOS;
    }
}
