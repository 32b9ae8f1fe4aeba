package io.printbridge.server.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
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
 */
@Singleton
final class JobRefusals {

    /** Why a request for new jobs was refused; the tag is the name in lower case. */
    enum Reason {
        /** The REST port's loops were behind when the request was read. */
        READ_BACKLOG,
        /** The job writes were more than {@code bridge.jobs.max-write-lag} behind. */
        WRITE_LAG,
        /** The store had as many jobs waiting as it may. */
        QUEUE_FULL,
        /** The server was stopping. */
        STOPPING
    }

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    JobRefusals(Optional<MeterRegistry> registry) {
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
    }
}
