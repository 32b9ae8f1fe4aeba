package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.grpc.EnrolmentRateLimit.Decision;
import org.junit.jupiter.api.Test;

class EnrolmentRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneAddressGetsItsShareAMinuteAndAnotherStillGetsIn() {
        EnrolmentRateLimit limit = new EnrolmentRateLimit(100, 2);

        assertThat(limit.take("203.0.113.7", 0)).isEqualTo(Decision.TAKEN);
        assertThat(limit.take("203.0.113.7", SECOND)).isEqualTo(Decision.TAKEN);
        assertThat(limit.take("203.0.113.7", 2 * SECOND)).isEqualTo(Decision.TOO_MANY_FROM_ADDRESS);
        assertThat(limit.take("198.51.100.1", 3 * SECOND)).isEqualTo(Decision.TAKEN);
        assertThat(limit.take("203.0.113.7", 61 * SECOND)).isEqualTo(Decision.TAKEN);
    }

    @Test
    void allAddressesTogetherAreBoundToo() {
        EnrolmentRateLimit limit = new EnrolmentRateLimit(3, 2);

        for (int i = 0; i < 3; i++) {
            assertThat(limit.take("10.0.0." + i, i)).isEqualTo(Decision.TAKEN);
        }
        assertThat(limit.take("10.0.0.9", 4)).isEqualTo(Decision.TOO_MANY_OVERALL);
        assertThat(limit.take("10.0.0.9", 60 * SECOND)).isEqualTo(Decision.TAKEN);
    }
}
