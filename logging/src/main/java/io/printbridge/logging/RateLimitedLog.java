package io.printbridge.logging;

/**
 * One log line per interval for something an outsider can make happen thousands of times a second
 * (results for commands nobody sent, fields cut to their limit): the first occurrence is logged,
 * later ones are counted and the count goes with the next line. Time comes from the caller.
 * Thread-safe.
 */
public final class RateLimitedLog {

    private final long intervalNanos;
    private long nextNanos = Long.MIN_VALUE;
    private long suppressed;

    public RateLimitedLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * -1 to stay silent (this occurrence is counted), else log now: how many occurrences went
     * unlogged since the last line.
     */
    public synchronized long logNow(long nowNanos) {
        if (nextNanos != Long.MIN_VALUE && nowNanos - nextNanos < 0) {
            suppressed++;
            return -1;
        }
        nextNanos = nowNanos + intervalNanos;
        long left = suppressed;
        suppressed = 0;
        return left;
    }
}
