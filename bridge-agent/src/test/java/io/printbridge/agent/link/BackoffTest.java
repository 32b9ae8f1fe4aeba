package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void windowDoublesUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

        long[] waits = new long[10];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = backoff.next().toMillis();
        }

        assertThat(waits).containsExactly(499, 999, 1999, 3999, 7999, 15999, 29999, 29999, 29999, 29999);
    }

    @Test
    void fullJitterDrawsFromZeroToTheWindow() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
        Backoff mid = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.5);
        low.next();
        mid.next();

        assertThat(low.next()).isEqualTo(Duration.ZERO);
        assertThat(mid.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void resetStartsAgainFromTheSmallestWindow() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(499));
    }

    @Test
    void manyAttemptsNeverOverflowPastTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            last = backoff.next();
        }
        assertThat(last).isEqualTo(Duration.ofMillis(29999));
    }

    @Test
    void capBelowBaseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0.5))
                .hasMessageContaining("expected: 0 < base <= cap");
    }
}
