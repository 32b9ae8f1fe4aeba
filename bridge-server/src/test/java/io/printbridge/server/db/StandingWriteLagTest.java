package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Whether the job writes stand behind, driven by group commits on a clock of the test's own (a
 * commit every 2 ms, as at a peak): never for a writer that keeps up or stalls for a moment, once
 * the smoothed wait has stayed over the target for a second, and no longer once it is back under.
 */
class StandingWriteLagTest {

    private static final long COMMIT_EVERY = ms(2);

    private final StandingWriteLag lag = new StandingWriteLag(ms(50));
    private long now = ms(10_000);

    @Test
    void aWriterThatKeepsUpNeverStandsBehind() {
        commits(ms(5), ms(60_000));

        assertThat(lag.standingAt(now)).isFalse();
        assertThat(lag.smoothedWaitNanos()).isCloseTo(ms(5), within(ms(1)));
    }

    @Test
    void aStallOfHalfASecondDoesNotStand() {
        commits(ms(5), ms(5_000));
        boolean during = false;
        for (long end = now + ms(500); now < end; now += COMMIT_EVERY) {
            lag.groupStarted(ms(400), now);
            during |= lag.standingAt(now);
        }
        commits(ms(5), ms(5_000));

        assertThat(during).isFalse();
        assertThat(lag.standingAt(now)).isFalse();
    }

    @Test
    void writesBehindForASecondStandUntilTheyCatchUp() {
        commits(ms(5), ms(1_000));
        commits(ms(90), ms(900));
        assertThat(lag.standingAt(now)).as("within the burst allowance").isFalse();

        commits(ms(90), ms(300));
        assertThat(lag.standingAt(now)).isTrue();
        assertThat(lag.smoothedWaitNanos()).isCloseTo(ms(90), within(ms(1)));

        commits(ms(5), ms(1_000));
        assertThat(lag.standingAt(now)).isFalse();
    }

    @Test
    void aWriterIdleForASecondNoLongerStandsAndStartsAgain() {
        commits(ms(300), ms(5_000));
        assertThat(lag.standingAt(now)).isTrue();

        now += ms(1_500);
        assertThat(lag.standingAt(now)).as("idle").isFalse();
        commits(ms(300), ms(100));
        assertThat(lag.standingAt(now))
                .as("behind again, within a new burst allowance")
                .isFalse();
    }

    @Test
    void aTargetOfNothingIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StandingWriteLag(0))
                .withMessage("targetNanos: 0 (expected: more than 0)");
    }

    /** Group commits every 2 ms for {@code duration}, each of whose oldest write waited {@code wait}. */
    private void commits(long wait, long duration) {
        for (long end = now + duration; now < end; now += COMMIT_EVERY) {
            lag.groupStarted(wait, now);
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
