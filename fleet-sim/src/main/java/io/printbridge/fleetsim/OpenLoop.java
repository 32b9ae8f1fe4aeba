package io.printbridge.fleetsim;

import java.time.Duration;

/**
 * When each request of an open-loop client is due: the i-th at {@code start + i / rate}, whatever
 * the answers to the others do. Latency is measured from that planned time, not from when the
 * request actually left: a server that stalls the client cannot hide the stall by delaying the
 * requests behind it (coordinated omission).
 */
record OpenLoop(double perSecond, long startNanos) {

    OpenLoop {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate: " + perSecond + " (expected: requests per second above 0)");
        }
    }

    /** The planned send time of request {@code i} (from 0). */
    long plannedNanos(long i) {
        return startNanos + Math.round(i * 1e9 / perSecond);
    }

    /** How many requests fall within {@code duration} from the start. */
    long count(Duration duration) {
        return (long) Math.floor(perSecond * duration.toNanos() / 1e9);
    }
}
