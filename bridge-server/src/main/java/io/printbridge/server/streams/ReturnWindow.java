package io.printbridge.server.streams;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * When the agents a stopping server sends away are to come back: each at its own moment drawn
 * uniformly from {@code [earliest, earliest + width)}, the width sized to how many there are. A
 * fixed window of a few seconds brought ten thousand shops back in one crowd that the restarted
 * server could only take at the rate it handshakes; spread over {@code streams / returnsPerSecond}
 * seconds they arrive about as fast as it admits them, and none waits out a handshake timeout.
 *
 * @param earliest the soonest an agent is asked back (the server needs a moment to restart)
 * @param width how long after {@code earliest} the last agent may come back
 */
record ReturnWindow(Duration earliest, Duration width) {

    /** The soonest any agent is asked back. */
    static final Duration EARLIEST = Duration.ofSeconds(1);

    /** The narrowest window: a few shops still do not all come back in the same second. */
    static final Duration MINIMUM_WIDTH = Duration.ofSeconds(4);

    /**
     * The window for {@code streams} agents, each second of it taking about {@code returnsPerSecond}
     * of them.
     */
    static ReturnWindow forStreams(int streams, int returnsPerSecond) {
        if (streams < 0 || returnsPerSecond < 1) {
            throw new IllegalArgumentException("streams: " + streams + ", returns per second: " + returnsPerSecond
                    + " (expected: streams >= 0, returns per second >= 1)");
        }
        long millis = (long) streams * 1000 / returnsPerSecond;
        return new ReturnWindow(EARLIEST, Duration.ofMillis(Math.max(MINIMUM_WIDTH.toMillis(), millis)));
    }

    /** One agent's moment to come back; {@code random} draws from 0 (inclusive) to its bound. */
    Duration pick(LongUnaryOperator random) {
        return earliest.plusMillis(random.applyAsLong(width.toMillis()));
    }
}
