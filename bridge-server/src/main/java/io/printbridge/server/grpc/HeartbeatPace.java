package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often a Welcome asks its agent for a Heartbeat: the configured interval while the fleet is
 * small, longer as the streams held grow, so that the whole fleet sends about {@code
 * beatsPerSecond} at most, but never longer than {@link #LONGEST} unless configured so.
 *
 * <p>Why: each heartbeat and its echo cost both ends a TLS record, a few system calls and a wake-up,
 * and an idle server spends most of its CPU on them (10,000 idle shops: the agents' event loops
 * 4.4 % of a core at 15 s, 2.6 % at 30 s; BENCHMARKS.md). The interval is how soon an agent notices
 * a dead link (three missed echoes), but the agent's HTTP/2 keepalive (a ping after 50 s without a
 * word, dropped after 10 s more) notices one within a minute anyway: a large fleet trades a dead
 * link seen after 45 s for one seen within 60 s, a small one keeps its 15 s.
 *
 * @param base {@code bridge.grpc.heartbeat-interval}: the interval of a small fleet
 * @param beatsPerSecond {@code bridge.grpc.heartbeats-per-second}: the fleet's heartbeats a second
 *     above which the interval grows
 */
record HeartbeatPace(Duration base, int beatsPerSecond) {

    /** The longest interval the pace asks for on its own: with it, three missed echoes take 90 s. */
    static final Duration LONGEST = Duration.ofSeconds(30);

    HeartbeatPace {
        requireNonNull(base, "base");
        if (base.isNegative() || base.isZero() || beatsPerSecond < 1) {
            throw new IllegalArgumentException("heartbeat interval " + base + ", heartbeats per second "
                    + beatsPerSecond + " (expected: a positive interval and at least 1 a second)");
        }
    }

    /**
     * The interval to ask of an agent when {@code streams} are to be held (AgentStreams.fleetSize:
     * the one being welcomed counted, or every store known). Sized to the fleet rather than to the
     * streams held so far: an agent keeps its interval until it dials again, and in a fleet that
     * dials at once the first ones welcomed would otherwise keep the shortest.
     */
    Duration forStreams(int streams) {
        Duration spread = Duration.ofMillis((long) streams * 1000 / beatsPerSecond);
        Duration longest = base.compareTo(LONGEST) > 0 ? base : LONGEST;
        if (spread.compareTo(base) <= 0) {
            return base;
        }
        return spread.compareTo(longest) < 0 ? spread : longest;
    }
}
