package io.printbridge.server.grpc;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The heartbeat interval a new stream is asked for in its Welcome: the configured one, longer as
 * the fleet grows, so that the whole fleet's heartbeats stay near a fixed budget a second. Each
 * beat and its echo cost the server two TLS records and a wake-up of its event loop; at 15 s for
 * every shop, 10,000 idle shops took 10 % of a core in those alone (BENCHMARKS.md, fleet simulator).
 * A longer interval only slows how soon an agent notices a dead link (it waits a few missed echoes);
 * the server notices nothing from heartbeats. Streams keep the interval of their Welcome: after a
 * fleet-wide reconnection, the first to return beat faster than the last.
 */
final class HeartbeatPace {

    private final Duration least;
    private final Duration most;
    private final int perSecond;
    private final IntSupplier streams;

    /**
     * @param least the configured interval, for a small fleet
     * @param most the longest interval ever asked for
     * @param perSecond the fleet's heartbeats a second the interval aims at
     * @param streams how many streams the server holds now
     */
    HeartbeatPace(Duration least, Duration most, int perSecond, IntSupplier streams) {
        if (most.compareTo(least) < 0) {
            throw new IllegalArgumentException("bridge.grpc.max-heartbeat-interval: " + most
                    + " (expected: at least heartbeat-interval, " + least + ")");
        }
        if (perSecond < 1) {
            throw new IllegalArgumentException(
                    "bridge.grpc.heartbeats-per-second: " + perSecond + " (expected: at least 1)");
        }
        this.least = least;
        this.most = most;
        this.perSecond = perSecond;
        this.streams = streams;
    }

    /** The interval for a stream welcomed now. */
    Duration interval() {
        Duration paced = Duration.ofSeconds((streams.getAsInt() + perSecond - 1L) / perSecond);
        if (paced.compareTo(least) < 0) {
            return least;
        }
        return paced.compareTo(most) > 0 ? most : paced;
    }
}
