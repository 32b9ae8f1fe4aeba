package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.clock.ClockRecord;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ZkLiveEventTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2018, 6, 25, 17, 41, 5);

    @Test
    void thirtyTwoByteEventFromARealClockDecodes() throws Exception {
        byte[] data = HexFormat.of().parseHex("39393931313133333300000000000000000000000000000001001206191129" + "05");

        assertThat(ZkLiveEvent.decode(data)).isEqualTo(new ClockRecord("999111333", TIME, 0, 0, 1));
    }

    @Test
    void eventOfEachLayoutRoundTrips() throws Exception {
        ClockRecord record = new ClockRecord("1001", TIME, 1, 0, 15);

        for (ZkRecordLayout layout : ZkRecordLayout.values()) {
            assertThat(ZkLiveEvent.decode(ZkLiveEvent.encode(record, layout))).isEqualTo(record);
        }
    }

    @Test
    void eventOfTheFortyByteLayoutCarriesTheWorkCode() throws Exception {
        ClockRecord record = new ClockRecord("X9", TIME, 0, 77, 1);

        byte[] data = ZkLiveEvent.encode(record, ZkRecordLayout.BYTES_40);

        assertThat(data).hasSize(36);
        assertThat(ZkLiveEvent.decode(data)).isEqualTo(record);
    }

    @Test
    void eventOfAnUnknownLengthIsAFormatError() {
        assertThatThrownBy(() -> ZkLiveEvent.decode(new byte[20]))
                .isInstanceOf(ZkFormatException.class)
                .hasMessage("attendance event of 20 bytes (expected: 10, 12, 14 or at least 32)");
    }
}
