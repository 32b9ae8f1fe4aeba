package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CommKeyTest {

    @Test
    void keyIsScrambledAsTheVendorsMakeKeyDoes() {
        // The values the public pyzk make_commkey gives for the same inputs (checked with it once).
        assertThat(HexFormat.of().formatHex(CommKey.make(123456, 0x8df3, 50))).isEqualTo("297f3274");
        assertThat(HexFormat.of().formatHex(CommKey.make(0, 1, 50))).isEqualTo("617d3279");
    }

    @Test
    void ticksByteTravelsInClear() {
        assertThat(CommKey.make(42, 7, 99)[2]).isEqualTo((byte) 99);
    }

    @Test
    void matchesTheKeyOfTheSameSessionWhateverTheTicks() {
        assertThat(CommKey.matches(CommKey.make(777, 300, 13), 777, 300)).isTrue();
    }

    @Test
    void doesNotMatchAnotherKeyOrAnotherSession() {
        byte[] sent = CommKey.make(777, 300, 50);

        assertThat(CommKey.matches(sent, 778, 300)).isFalse();
        // The ticks byte replaces the sum's lowest byte, so sessions differ from the second byte on.
        assertThat(CommKey.matches(sent, 777, 300 + 256)).isFalse();
    }
}
