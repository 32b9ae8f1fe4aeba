package io.printbridge.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The share refused grows with the wait, and is refused evenly, not in a burst. */
class RefusalShareTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final RefusalShare share = new RefusalShare(50 * MS, 1050 * MS);

    @Test
    void noneUpToTheStartAllFromTheEndAndInProportionBetween() {
        assertThat(share.shareAt(0)).isZero();
        assertThat(share.shareAt(50 * MS)).isZero();
        assertThat(share.shareAt(300 * MS)).isEqualTo(0.25);
        assertThat(share.shareAt(550 * MS)).isEqualTo(0.5);
        assertThat(share.shareAt(1050 * MS)).isEqualTo(1.0);
        assertThat(share.shareAt(60_000 * MS)).isEqualTo(1.0);
    }

    @Test
    void aQuarterIsOneRequestInFourNeverTwoInARow() {
        boolean[] refused = new boolean[100];
        for (int i = 0; i < refused.length; i++) {
            refused[i] = share.refuse(300 * MS);
        }

        assertThat(IntStream.range(0, 100).filter(i -> refused[i]).count()).isEqualTo(25);
        assertThat(IntStream.range(1, 100).filter(i -> refused[i] && refused[i - 1]))
                .isEmpty();
    }

    @Test
    void aWaitWithinTheTargetRefusesNothingAndOnePastTheEndRefusesAll() {
        assertThat(IntStream.range(0, 50).filter(i -> share.refuse(50 * MS))).isEmpty();
        assertThat(IntStream.range(0, 50).filter(i -> share.refuse(2000 * MS))).hasSize(50);
    }

    @Test
    void aSmallShareStillRefusesItsPart() {
        // 0.1 %: one in a thousand, not rounded to nothing.
        long refused =
                IntStream.range(0, 10_000).filter(i -> share.refuse(51 * MS)).count();

        assertThat(refused).isEqualTo(10);
    }

    @Test
    void anEndNotPastTheStartRefusesAllAsSoonAsTheWaitPassesTheStart() {
        RefusalShare step = new RefusalShare(50 * MS, 50 * MS);

        assertThat(step.refuse(50 * MS)).isFalse();
        assertThat(step.refuse(51 * MS)).isTrue();
        assertThatThrownBy(() -> new RefusalShare(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromNanos: -1 (expected: 0 or more)");
    }
}
