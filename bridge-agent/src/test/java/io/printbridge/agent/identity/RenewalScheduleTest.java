package io.printbridge.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a certificate is renewed: half its lifetime, plus up to a tenth of it at random. */
class RenewalScheduleTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));

    @Test
    void withoutJitterARenewalIsDueAtHalfTheLifetimeCountedFromNotBefore() {
        assertThat(new RenewalSchedule(() -> 0.0).dueAt(NOT_BEFORE, NOT_AFTER))
                .isEqualTo(NOT_BEFORE.plus(Duration.ofDays(45)));
    }

    @Test
    void theJitterAddsUpToATenthOfTheLifetime() {
        assertThat(new RenewalSchedule(() -> 0.5).dueAt(NOT_BEFORE, NOT_AFTER))
                .isEqualTo(NOT_BEFORE.plus(Duration.ofDays(45)).plus(Duration.ofHours(108)));
        assertThat(new RenewalSchedule(() -> 0.999_999).dueAt(NOT_BEFORE, NOT_AFTER))
                .isBefore(NOT_BEFORE.plus(Duration.ofDays(54)))
                .isAfter(NOT_BEFORE.plus(Duration.ofDays(53)));
    }

    @Test
    void aLifetimeOfSecondsIsRenewedWithinItsSeconds() {
        Instant due = new RenewalSchedule(() -> 0.25).dueAt(NOT_BEFORE, NOT_BEFORE.plusSeconds(20));

        assertThat(due).isEqualTo(NOT_BEFORE.plusMillis(10_500));
    }

    @Test
    void aCertificateWithoutALifetimeIsDueAtOnce() {
        assertThat(new RenewalSchedule(() -> 0.5).dueAt(NOT_BEFORE, NOT_BEFORE)).isEqualTo(NOT_BEFORE);
    }

    @Test
    void theRenewedCertificateIsPutInUseAtARandomMomentOfTheWindow() {
        assertThat(new RenewalSchedule(() -> 0.5).switchDelay(Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofSeconds(150));
        assertThat(new RenewalSchedule(() -> 0.0).switchDelay(Duration.ofMinutes(5)))
                .isZero();
    }

    @Test
    void aRandomSourceOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new RenewalSchedule(() -> 1.0).dueAt(NOT_BEFORE, NOT_AFTER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("random: 1.0");
    }
}
