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
    void theServersWindowNarrowsTheCapButNeverWidensItNorGoesBelowTheBase() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

        backoff.limitTo(Duration.ofSeconds(5));
        assertThat(waits(backoff, 6)).containsExactly(499, 999, 1999, 3999, 4999, 4999);

        backoff.reset();
        backoff.limitTo(Duration.ofMinutes(10));
        assertThat(waits(backoff, 8)).as("wider than the agent's cap").endsWith(29999, 29999);

        backoff.reset();
        backoff.limitTo(Duration.ofMillis(10));
        assertThat(waits(backoff, 3)).as("narrower than the base").containsExactly(499, 499, 499);

        backoff.reset();
        backoff.limitTo(null);
        assertThat(waits(backoff, 8)).as("a server that says nothing").endsWith(29999, 29999);
    }

    private static long[] waits(Backoff backoff, int count) {
        long[] waits = new long[count];
        for (int i = 0; i < count; i++) {
            waits[i] = backoff.next().toMillis();
        }
        return waits;
    }

    @Test
    void capBelowBaseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), () -> 0.5))
                .hasMessageContaining("expected: 0 < base <= cap");
    }
}
