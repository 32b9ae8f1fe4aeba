package io.printbridge.server.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bridge.api.jobs.refused{reason}}: requests for new jobs refused with a Retry-After, by
 * why. Which signal refuses says what to do: {@code read_backlog} and {@code write_lag} are the
 * server past the load it serves in time (more CPU, or fewer ERP connections), {@code queue_full}
 * a shop whose printer does not keep up, {@code stopping} a restart. Every reason is registered at
 * start, so a scrape shows zeros rather than nothing.
 *
 * <p>The refusals for overload of the last minute are also kept for the dashboard, which tells the
 * people watching the fleet when the server sheds load, without a Prometheus at hand.
 */
@Singleton
public final class JobRefusals {

    private static final int WINDOW_SECONDS = 60;

    /** Why a request for new jobs was refused; the tag is the name in lower case. */
    enum Reason {
        /** The REST port's loops were behind when the request was read. */
        READ_BACKLOG,
        /**
         * The job writes were more than {@code bridge.jobs.max-write-lag} behind, or stood over {@code
         * bridge.jobs.standing-write-lag} with as many new jobs waiting as they accept in that time.
         */
        WRITE_LAG,
        /** The store had as many jobs waiting as it may. */
        QUEUE_FULL,
        /** The server was stopping. */
        STOPPING
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
    private final Clock clock;

    // Overload refusals per second of the last minute: the second each slot holds, and its count.
    private final long[] slotSecond = new long[WINDOW_SECONDS];
    private final long[] slotCount = new long[WINDOW_SECONDS];

    JobRefusals(Optional<MeterRegistry> registry, Clock clock) {
        this.clock = clock;
        registry.ifPresent(meters -> {
            for (Reason reason : Reason.values()) {
                counters.put(
                        reason,
                        Counter.builder("bridge.api.jobs.refused")
                                .description("Requests for new jobs refused with a Retry-After, by reason")
                                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                                .register(meters));
            }
        });
    }

    void count(Reason reason) {
        Counter counter = counters.get(reason);
        if (counter != null) {
            counter.increment();
        }
        if (reason == Reason.READ_BACKLOG || reason == Reason.WRITE_LAG) {
            countOverload(Math.floorDiv(clock.millis(), 1000));
        }
    }

    /** Requests for new jobs refused because the server was past its load, in the last minute. */
    public synchronized long overloadRefusalsInLastMinute() {
        long now = Math.floorDiv(clock.millis(), 1000);
        long total = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (now - slotSecond[i] < WINDOW_SECONDS) {
                total += slotCount[i];
            }
        }
        return total;
    }

    // Synchronized: a few thousand refusals a second at most, each a few nanoseconds here.
    private synchronized void countOverload(long second) {
        int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            slotCount[slot] = 0;
        }
        slotCount[slot]++;
    }
}
