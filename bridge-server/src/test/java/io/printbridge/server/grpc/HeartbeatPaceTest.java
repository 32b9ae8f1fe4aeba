package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeatPaceTest {

    private final AtomicInteger streams = new AtomicInteger();
    private final HeartbeatPace pace =
            new HeartbeatPace(Duration.ofSeconds(15), Duration.ofSeconds(60), 400, streams::get);

    @Test
    void aSmallFleetBeatsAtTheConfiguredInterval() {
        streams.set(0);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(15));
        streams.set(6_000);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aLargerFleetBeatsSlowerSoThatItsBeatsStayNearTheBudget() {
        streams.set(6_001);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(16));
        streams.set(10_000);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(25));
        streams.set(20_000);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void theIntervalNeverPassesTheLongestAllowed() {
        streams.set(1_000_000);
        assertThat(pace.interval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> new HeartbeatPace(Duration.ofSeconds(15), Duration.ofSeconds(10), 400, streams::get))
                .hasMessageContaining("max-heartbeat-interval")
                .hasMessageContaining("at least heartbeat-interval");
        assertThatThrownBy(() -> new HeartbeatPace(Duration.ofSeconds(15), Duration.ofSeconds(60), 0, streams::get))
                .hasMessageContaining("heartbeats-per-second");
    }
}
