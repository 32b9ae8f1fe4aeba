package io.printbridge.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Backoff that doubles up to a cap, with jitter that only ever shortens a wait by up to half. */
class RetryPolicyTest {

    final RetryPolicy defaults = new RetryPolicy(10, Duration.ofSeconds(15), Duration.ofMinutes(20));

    /** A random source at one end of its range. */
    static RandomGenerator always(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return Math.min(value, bound - 1);
            }
        };
    }

    @Test
    void waitDoublesAfterEachFailureUntilTheCap() {
        RandomGenerator noJitter = always(0);

        assertThat(defaults.delayAfter(1, noJitter)).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.delayAfter(2, noJitter)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.delayAfter(4, noJitter)).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.delayAfter(8, noJitter)).isEqualTo(Duration.ofMinutes(20));
        assertThat(defaults.delayAfter(1000, noJitter)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void jitterShortensAWaitByAtMostHalf() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attempts = 1; attempts <= 12; attempts++) {
            Duration full = defaults.delayAfter(attempts, always(0));
            for (int i = 0; i < 100; i++) {
                assertThat(defaults.delayAfter(attempts, random)).isBetween(full.dividedBy(2), full);
            }
        }
        assertThat(defaults.delayAfter(3, always(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultsSpreadTenAttemptsOverAboutAnHour() {
        Duration longest = Duration.ZERO;
        Duration shortest = Duration.ZERO;
        for (int failed = 1; failed < 10; failed++) {
            longest = longest.plus(defaults.delayAfter(failed, always(0)));
            shortest = shortest.plus(defaults.delayAfter(failed, always(Long.MAX_VALUE)));
        }
        assertThat(longest).isBetween(Duration.ofMinutes(60), Duration.ofMinutes(80));
        assertThat(shortest).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(40));
    }

    @Test
    void givesUpOnceTheAttemptsAreUsed() {
        assertThat(defaults.givesUpAfter(9)).isFalse();
        assertThat(defaults.givesUpAfter(10)).isTrue();
    }
}
