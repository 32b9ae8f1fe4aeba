package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.clock.ClockRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ZkRecordLayoutTest {

    private static final LocalDateTime TIME = LocalDateTime.of(2018, 6, 25, 17, 50, 35);

    @Test
    void fortyByteRecordFromARealClockDecodes() throws Exception {
        // Slot 13, "999111333" padded to 24 bytes, verified by finger, 2018-06-25 17:50:35, check-in.
        byte[] bytes = HexFormat.of()
                .parseHex("0d00" + "393939313131333333" + "00".repeat(15) + "01" + "6bb36823" + "00"
                        + "00000000ff000000");

        ClockRecord record = ZkRecordLayout.BYTES_40.read(buffer(bytes), slot -> "unused");

        assertThat(record).isEqualTo(new ClockRecord("999111333", TIME, 0, 0, 1));
    }

    @Test
    void fortyByteRecordRoundTripsWithItsWorkCode() throws Exception {
        ClockRecord record = new ClockRecord("A-17", TIME, 1, 42, 15);

        assertThat(roundTrip(ZkRecordLayout.BYTES_40, record)).isEqualTo(record);
    }

    @Test
    void sixteenByteRecordRoundTripsWithANumericUserId() throws Exception {
        ClockRecord record = new ClockRecord("4000000000", TIME, 5, 7, 4);

        assertThat(roundTrip(ZkRecordLayout.BYTES_16, record)).isEqualTo(record);
    }

    @Test
    void eightByteRecordNamesTheUserBySlot() throws Exception {
        ByteBuffer out = buffer(new byte[8]);
        ZkRecordLayout.BYTES_8.write(new ClockRecord("1001", TIME, 1, 0, 1), userId -> 3, out);

        ClockRecord read = ZkRecordLayout.BYTES_8.read(buffer(out.array()), slot -> slot == 3 ? "1001" : "?");

        assertThat(read).isEqualTo(new ClockRecord("1001", TIME, 1, 0, 1));
        assertThat(out.array()[0]).isEqualTo((byte) 3);
    }

    @Test
    void sixteenByteLayoutCannotCarryALetterInTheUserId() {
        ClockRecord record = new ClockRecord("12a", TIME, 0, 0, 1);

        assertThat(ZkRecordLayout.BYTES_16.canCarry(record, id -> 0)).isFalse();
        assertThatThrownBy(() -> ZkRecordLayout.BYTES_16.write(record, id -> 0, buffer(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-byte layout");
    }

    @Test
    void layoutIsFoundBySizeAndOnlyForSizesFirmwareUses() {
        assertThat(ZkRecordLayout.ofSize(40)).isEqualTo(ZkRecordLayout.BYTES_40);
        assertThat(ZkRecordLayout.ofSize(8)).isEqualTo(ZkRecordLayout.BYTES_8);
        assertThat(ZkRecordLayout.ofSize(20)).isNull();
    }

    private static ClockRecord roundTrip(ZkRecordLayout layout, ClockRecord record) throws ZkFormatException {
        ByteBuffer out = buffer(new byte[layout.size()]);
        layout.write(record, userId -> 9, out);
        assertThat(out.hasRemaining()).isFalse();
        return layout.read(buffer(out.array()), Integer::toString);
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
