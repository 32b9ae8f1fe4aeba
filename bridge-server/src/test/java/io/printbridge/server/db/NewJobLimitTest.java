package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How many new jobs may wait for their commit while the writes stand behind, driven by group
 * commits on a clock of the test's own (a commit every 2 ms, the writer busy all that time unless
 * said): nothing refused while the writes keep up, however many wait; while they stand behind,
 * whatever passes what the writer has shown it can accept in the target wait (30 ms here), never
 * fewer than {@link NewJobLimit#MIN_LIMIT}.
 */
class NewJobLimitTest {

    private static final long COMMIT_EVERY = ms(2);

    private final NewJobLimit limit = new NewJobLimit(ms(30));
    private long now = ms(10_000);

    @Test
    void whileTheWritesKeepUpNothingIsRefusedHoweverManyWait() {
        commits(8, false, ms(3_000));
        waiting(500);

        assertThat(limit.limiting(now)).isFalse();
        assertThat(limit.refuse(now)).isFalse();
    }

    @Test
    void whileTheWritesStandBehindNewJobsPastWhatTheWriterAcceptsInTheTargetAreRefused() {
        commits(8, false, ms(3_000)); // 4,000 a second
        commits(8, true, ms(100));

        assertThat(limit.limit()).as("4,000 a second for 30 ms").isBetween(118, 122);
        waiting(limit.limit() - 1);
        assertThat(limit.refuse(now)).as("one place left").isFalse();
        waiting(1);
        assertThat(limit.refuse(now)).as("full").isTrue();
        assertThat(limit.waiting()).isEqualTo(limit.limit());
    }

    @Test
    void theLimitFollowsTheBestRateShownNotTheRateLetInWhileLimiting() {
        commits(8, false, ms(3_000)); // 4,000 a second
        commits(2, true, ms(2_000)); // 1,000 a second let in

        assertThat(limit.limit()).as("1,000 a second would allow 30").isBetween(70, 120);
    }

    @Test
    void aWriterBusyHalfTheTimeHasRoomForTwiceWhatItAccepts() {
        commits(2, ms(1), false, ms(3_000)); // 1,000 a second, each commit taking half of its 2 ms
        commits(2, ms(1), true, ms(100));

        assertThat(limit.limit()).as("2,000 a second of its work for 30 ms").isBetween(58, 62);
    }

    @Test
    void aSlowWriterStillTakesTheFewestAllowed() {
        commits(0, false, ms(1_000));
        for (int i = 0; i < 100; i++) {
            now += ms(10);
            limit.committed(1, ms(10), true, now); // 100 a second, behind
        }

        assertThat(limit.limit()).isEqualTo(NewJobLimit.MIN_LIMIT);
        waiting(NewJobLimit.MIN_LIMIT - 1);
        assertThat(limit.refuse(now)).isFalse();
    }

    @Test
    void limitingLastsWhileTheQueueStaysNearTheLimitAndEndsOnceItIsShort() {
        commits(8, false, ms(3_000));
        waiting(limit.limit() / 2);
        commits(8, true, ms(2_000));

        commits(8, false, ms(3_000));
        assertThat(limit.limiting(now))
                .as("not standing, but half full on average")
                .isTrue();

        for (int i = 0; i < limit.limit() / 2; i++) {
            limit.left(1);
        }
        commits(8, false, ms(500));
        assertThat(limit.limiting(now)).as("emptied half a second ago").isTrue();
        commits(8, false, ms(1_500));
        assertThat(limit.limiting(now)).isFalse();
        waiting(500);
        assertThat(limit.refuse(now)).isFalse();
    }

    @Test
    void aWriterIdleForASecondLimitsNothing() {
        commits(8, false, ms(3_000));
        commits(8, true, ms(100));
        waiting(limit.limit());
        assertThat(limit.refuse(now)).isTrue();

        now += ms(1_500);

        assertThat(limit.limiting(now)).isFalse();
        assertThat(limit.refuse(now)).isFalse();
    }

    @Test
    void aBatchCountsEachOfItsJobs() {
        commits(8, false, ms(3_000));
        commits(8, true, ms(100));

        limit.queued(100); // two requests of 100 jobs, the second past the limit of about 120
        assertThat(limit.refuse(now)).isFalse();
        limit.queued(100);

        assertThat(limit.waiting()).isEqualTo(200);
        assertThat(limit.refuse(now)).isTrue();
        limit.left(100);
        assertThat(limit.refuse(now)).isFalse();
    }

    @Test
    void aJobThatLeavesFreesItsPlace() {
        commits(8, false, ms(3_000));
        commits(8, true, ms(100));
        waiting(limit.limit());
        assertThat(limit.refuse(now)).isTrue();

        limit.left(1);

        assertThat(limit.refuse(now)).isFalse();
    }

    /** Group commits every 2 ms for {@code duration}, each accepting {@code accepted} new jobs, the writer busy throughout. */
    private void commits(int accepted, boolean standingBehind, long duration) {
        commits(accepted, COMMIT_EVERY, standingBehind, duration);
    }

    /** Group commits every 2 ms for {@code duration}, each accepting {@code accepted} new jobs and taking {@code busy}. */
    private void commits(int accepted, long busy, boolean standingBehind, long duration) {
        for (long end = now + duration; now < end; now += COMMIT_EVERY) {
            limit.committed(accepted, busy, standingBehind, now);
        }
    }

    private void waiting(int more) {
        for (int i = 0; i < more; i++) {
            limit.queued(1);
        }
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
