package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void eachRequestIsDueAtItsPlaceInTheScheduleWhateverHappenedBefore() {
        OpenLoop loop = new OpenLoop(1_000, 5_000_000_000L);

        assertThat(loop.plannedNanos(0)).isEqualTo(5_000_000_000L);
        assertThat(loop.plannedNanos(1)).isEqualTo(5_001_000_000L);
        assertThat(loop.plannedNanos(2_500)).isEqualTo(7_500_000_000L);
    }

    @Test
    void aRateThatIsNotWholeStillSpreadsEvenly() {
        OpenLoop loop = new OpenLoop(3, 0);

        assertThat(loop.plannedNanos(1)).isEqualTo(333_333_333L);
        assertThat(loop.plannedNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(loop.count(Duration.ofSeconds(10))).isEqualTo(30);
    }

    @Test
    void theCountIsWhatFitsInTheDuration() {
        assertThat(new OpenLoop(200, 0).count(Duration.ofSeconds(5))).isEqualTo(1_000);
        assertThat(new OpenLoop(0.5, 0).count(Duration.ofSeconds(3))).isEqualTo(1);
    }

    @Test
    void aRateOfNothingIsRefused() {
        assertThatThrownBy(() -> new OpenLoop(0, 0)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new OpenLoop(Double.NaN, 0)).hasMessageContaining("above 0");
    }
}
