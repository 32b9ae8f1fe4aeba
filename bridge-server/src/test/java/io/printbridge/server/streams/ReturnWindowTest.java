package io.printbridge.server.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReturnWindowTest {

    @Test
    void aFewShopsComeBackWithinTheShortestWindow() {
        ReturnWindow window = ReturnWindow.forStreams(3, 500);

        assertThat(window.earliest()).isEqualTo(Duration.ofSeconds(1));
        assertThat(window.width()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theWindowGrowsWithTheNumberOfStreams() {
        Duration thousand = ReturnWindow.forStreams(1_000, 100).width();
        Duration tenThousand = ReturnWindow.forStreams(10_000, 100).width();
        Duration twentyThousand = ReturnWindow.forStreams(20_000, 100).width();

        assertThat(thousand).isEqualTo(Duration.ofSeconds(10));
        assertThat(tenThousand).isEqualTo(Duration.ofSeconds(100));
        assertThat(twentyThousand).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void eachAgentIsAskedBackWithinTheWindow() {
        ReturnWindow window = ReturnWindow.forStreams(10_000, 500);

        assertThat(window.pick(bound -> 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(window.pick(bound -> bound - 1)).isEqualTo(Duration.ofMillis(20_999));
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThatThrownBy(() -> ReturnWindow.forStreams(10, 0)).hasMessageContaining("returns per second >= 1");
    }
}
