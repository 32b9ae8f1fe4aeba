package io.printbridge.server.jobs;

/**
 * Which requests to refuse while requests wait: a share that grows with the wait, none at {@code
 * fromNanos}, every one from {@code allFromNanos} on, and in between one in every {@code 1 / share}
 * (spread evenly by {@link EvenRefusals}).
 *
 * <p>Why a share rather than all or nothing: refusing every request once the wait passes a
 * threshold empties the queue at once, then the server takes them all again and the wait comes
 * back, so it refuses in bursts far more than the excess it cannot serve (a server started seconds
 * earlier, its code still compiling, refused more than 80 % of its first second's jobs at 200 a
 * second). A share that follows the wait settles where the refusals match the excess, as the
 * queue managers of routers do (RFC 8033's PIE drops a share that follows the queue's delay).
 */
public final class RefusalShare {

    private final long fromNanos;
    private final long allFromNanos;
    private final EvenRefusals refusals = new EvenRefusals();

    /**
     * @param fromNanos the wait at which refusals begin (a share of zero there)
     * @param allFromNanos the wait from which every request is refused; at or below {@code
     *     fromNanos}, every request is refused as soon as the wait passes {@code fromNanos}
     */
    public RefusalShare(long fromNanos, long allFromNanos) {
        if (fromNanos < 0) {
            throw new IllegalArgumentException("fromNanos: " + fromNanos + " (expected: 0 or more)");
        }
        this.fromNanos = fromNanos;
        this.allFromNanos = allFromNanos;
    }

    /** The share of requests to refuse at {@code waitNanos}, from 0 to 1. */
    public double shareAt(long waitNanos) {
        if (waitNanos <= fromNanos) {
            return 0;
        }
        if (waitNanos >= allFromNanos) {
            return 1;
        }
        return (double) (waitNanos - fromNanos) / (allFromNanos - fromNanos);
    }

    /** Whether to refuse this request, which was read after a wait of {@code waitNanos}. */
    public boolean refuse(long waitNanos) {
        return refusals.refuse(shareAt(waitNanos));
    }
}
