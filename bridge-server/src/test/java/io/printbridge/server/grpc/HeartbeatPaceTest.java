package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatPaceTest {

    private final HeartbeatPace pace = new HeartbeatPace(Duration.ofSeconds(15), 600);

    @Test
    void aSmallFleetBeatsAtTheConfiguredInterval() {
        assertThat(pace.forStreams(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(pace.forStreams(9_000)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aLargerFleetIsSpreadSoThatItSendsAboutTheBudgetASecond() {
        assertThat(pace.forStreams(12_000)).isEqualTo(Duration.ofSeconds(20));
        assertThat(pace.forStreams(15_000)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void theIntervalGrowsNoLongerThanThirtySeconds() {
        assertThat(pace.forStreams(20_000)).isEqualTo(HeartbeatPace.LONGEST);
        assertThat(pace.forStreams(1_000_000)).isEqualTo(HeartbeatPace.LONGEST);
    }

    @Test
    void aConfiguredIntervalLongerThanThatIsKept() {
        HeartbeatPace slow = new HeartbeatPace(Duration.ofSeconds(45), 600);

        assertThat(slow.forStreams(1)).isEqualTo(Duration.ofSeconds(45));
        assertThat(slow.forStreams(1_000_000)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aPaceThatCannotBeKeptIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> new HeartbeatPace(Duration.ZERO, 600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a positive interval");
        assertThatThrownBy(() -> new HeartbeatPace(Duration.ofSeconds(15), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 a second");
    }
}
