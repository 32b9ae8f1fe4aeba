package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The share of new jobs refused while the writes stay behind, driven by group commits on a clock
 * of the test's own (a commit every 2 ms, as at a peak): nothing for a writer that keeps up or
 * stalls for a moment, a share that rises while the writes stay behind and falls once they catch up.
 */
class WriteLagShareTest {

    private static final long COMMIT_EVERY = ms(2);

    private final WriteLagShare share = new WriteLagShare(ms(50));
    private long now = ms(10_000);

    @Test
    void aWriterThatKeepsUpRefusesNothing() {
        commits(ms(5), ms(60_000));

        assertThat(share.shareAt(now)).isZero();
    }

    @Test
    void aStallOfHalfASecondRefusesNothing() {
        commits(ms(5), ms(5_000));
        commits(ms(400), ms(500));
        commits(ms(5), ms(5_000));

        assertThat(share.shareAt(now)).isZero();
    }

    @Test
    void writesThatStayBehindRaiseTheShareForAsLongAsTheyDo() {
        commits(ms(5), ms(1_000));
        commits(ms(90), ms(900));
        assertThat(share.shareAt(now)).as("within the burst allowance").isZero();

        commits(ms(90), ms(1_000));
        double afterASecond = share.shareAt(now);
        commits(ms(90), ms(1_000));

        assertThat(afterASecond).isBetween(0.4, 0.8);
        assertThat(share.shareAt(now)).isGreaterThan(afterASecond);
        assertThat(share.smoothedWaitNanos()).isCloseTo(ms(90), within(ms(1)));
    }

    @Test
    void theShareIsBoundedAndFallsBackToNothingOnceTheWritesCatchUp() {
        commits(ms(300), ms(10_000));
        assertThat(share.shareAt(now)).isEqualTo(WriteLagShare.MAX_SHARE);

        commits(ms(5), ms(500));
        assertThat(share.shareAt(now)).isBetween(0.1, WriteLagShare.MAX_SHARE);
        commits(ms(5), ms(3_000));
        assertThat(share.shareAt(now)).isZero();
    }

    @Test
    void aWriterIdleForASecondRefusesNothingAndStartsAgainFromNothing() {
        commits(ms(300), ms(5_000));
        assertThat(share.shareAt(now)).isPositive();

        now += ms(1_500);
        assertThat(share.shareAt(now)).as("idle").isZero();
        commits(ms(300), ms(100));
        assertThat(share.shareAt(now))
                .as("behind again, within a new burst allowance")
                .isZero();
    }

    /** Group commits every 2 ms for {@code duration}, each of whose oldest write waited {@code wait}. */
    private void commits(long wait, long duration) {
        for (long end = now + duration; now < end; now += COMMIT_EVERY) {
            share.groupStarted(wait, now);
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
