package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.printbridge.server.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's count of overload refusals covers the last minute, and only overload. */
class JobRefusalsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T17:00:00.250Z"));

    @Test
    void overloadRefusalsAreCountedForAMinuteThenForgotten() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobRefusals refusals = new JobRefusals(Optional.of(meters), clock);

        refusals.count(JobRefusals.Reason.READ_BACKLOG);
        clock.advance(Duration.ofSeconds(30));
        refusals.count(JobRefusals.Reason.WRITE_LAG);
        refusals.count(JobRefusals.Reason.WRITE_LAG);
        // A shop's full queue and a stopping server are not the server's overload.
        refusals.count(JobRefusals.Reason.QUEUE_FULL);
        refusals.count(JobRefusals.Reason.STOPPING);

        assertThat(refusals.overloadRefusalsInLastMinute()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(30)); // the first is a minute old
        assertThat(refusals.overloadRefusalsInLastMinute()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        assertThat(refusals.overloadRefusalsInLastMinute()).isZero();
        // The counters of the scrape keep everything, by reason.
        assertThat(meters.get("bridge.api.jobs.refused")
                        .tag("reason", "write_lag")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(meters.get("bridge.api.jobs.refused")
                        .tag("reason", "queue_full")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void aSlotReusedAMinuteLaterStartsFromZero() {
        JobRefusals refusals = new JobRefusals(Optional.empty(), clock);
        refusals.count(JobRefusals.Reason.READ_BACKLOG);
        refusals.count(JobRefusals.Reason.READ_BACKLOG);

        clock.advance(Duration.ofSeconds(60)); // the same slot of the ring, a minute on
        refusals.count(JobRefusals.Reason.READ_BACKLOG);

        assertThat(refusals.overloadRefusalsInLastMinute()).isEqualTo(1);
    }
}
