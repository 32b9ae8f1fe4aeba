package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ZkTimeTest {

    @Test
    void packedTimeFromARealRecordDecodes() throws Exception {
        assertThat(ZkTime.decode(0x2368B36BL)).isEqualTo(LocalDateTime.of(2018, 6, 25, 17, 50, 35));
    }

    @Test
    void packedTimeEncodesBackToTheSameNumber() {
        assertThat(ZkTime.encode(LocalDateTime.of(2018, 6, 25, 17, 50, 35))).isEqualTo(0x2368B36BL);
    }

    @Test
    void packedTimeRoundTripsAcrossTheCentury() throws Exception {
        for (LocalDateTime time : new LocalDateTime[] {
            LocalDateTime.of(2000, 1, 1, 0, 0, 0),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59),
            LocalDateTime.of(2099, 12, 31, 12, 30, 1)
        }) {
            assertThat(ZkTime.decode(ZkTime.encode(time))).isEqualTo(time);
        }
    }

    @Test
    void packedTimeOfADayNoMonthHasIsAFormatError() {
        // 31 February 2020 exists in the clock's 31-day months, not in the calendar.
        long packed = ((20 * 12 * 31L) + 31 + 30) * 86_400L;

        assertThatThrownBy(() -> ZkTime.decode(packed))
                .isInstanceOf(ZkFormatException.class)
                .hasMessageContaining("is no date");
    }

    @Test
    void yearOutsideTheClocksCenturyIsRefused() {
        assertThatThrownBy(() -> ZkTime.encode(LocalDateTime.of(1999, 12, 31, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: a year from 2000 to 2099");
    }

    @Test
    void sixByteTimeFromARealEventDecodes() throws Exception {
        byte[] bytes = {0x12, 0x06, 0x19, 0x11, 0x29, 0x05};

        assertThat(ZkTime.decodeSixBytes(bytes, 0)).isEqualTo(LocalDateTime.of(2018, 6, 25, 17, 41, 5));
    }

    @Test
    void sixByteTimeEncodesEachFieldInAByte() {
        assertThat(ZkTime.encodeSixBytes(LocalDateTime.of(2018, 6, 25, 17, 41, 5)))
                .containsExactly(0x12, 0x06, 0x19, 0x11, 0x29, 0x05);
    }
}
