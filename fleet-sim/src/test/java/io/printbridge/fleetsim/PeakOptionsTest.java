package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeakOptionsTest {

    @Test
    void theGridComesFromTheCommandLine() {
        FleetOptions options = FleetOptions.parse(
                "--scenario=peak",
                "--peak-rates=100, 500,1000",
                "--peak-duration=60s",
                "--peak-warm-up=15s",
                "--peak-wait=5s",
                "--peak-mix=raw=9,drawer=1");

        assertThat(options.scenarios()).containsExactly("connect", "peak");
        assertThat(options.peak().rates()).containsExactly(100.0, 500.0, 1000.0);
        assertThat(options.peak().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.peak().warmUp()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.peak().answerWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.peak().mix()).hasToString("raw=9,drawer=1");
    }

    @Test
    void aGridThatCannotRunSaysWhatWasExpected() {
        assertThatThrownBy(() -> FleetOptions.parse("--peak-rates=100,lots"))
                .hasMessageContaining("peak-rates: \"100,lots\"")
                .hasMessageContaining("jobs per second separated by commas");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-rates=0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-duration=0s")).hasMessageContaining("peak-duration");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-wait=0s")).hasMessageContaining("at least 1s");
    }
}
