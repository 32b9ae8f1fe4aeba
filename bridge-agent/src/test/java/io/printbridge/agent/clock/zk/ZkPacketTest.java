package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ZkPacketTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void checksumMatchesAnOptionsRequestCapturedFromAClock() {
        // CMD_OPTIONS_RRQ "ZKFaceVersion" as a real clock's client sent it, checksum 0x175a zeroed.
        byte[] packet = HEX.parseHex("0b000000f38d03005a4b4661636556657273696f6e00");

        assertThat(ZkPacket.checksum(packet, 0, packet.length)).isEqualTo(0x175a);
    }

    @Test
    void checksumOfAnOddLengthPacketCountsTheLastByteAlone() {
        byte[] packet = HEX.parseHex("d0070000f38d0a0009");

        assertThat(ZkPacket.checksum(packet, 0, packet.length)).isEqualTo(0x6a29);
    }

    @Test
    void encodedPacketCarriesItsFieldsLittleEndianAndItsChecksum() {
        byte[] bytes = new ZkPacket(ZkCommands.ACK_OK, 0x8df3, 10, new byte[] {9}).encode();

        assertThat(HEX.formatHex(bytes)).isEqualTo("d007296af38d0a0009");
    }

    @Test
    void decodedPacketHasTheFieldsThatWereEncoded() throws Exception {
        byte[] bytes = new ZkPacket(ZkCommands.PREPARE_DATA, 513, 65535, new byte[] {1, 2, 3}).encode();

        ZkPacket packet = ZkPacket.decode(bytes, 0, bytes.length);

        assertThat(packet.command()).isEqualTo(ZkCommands.PREPARE_DATA);
        assertThat(packet.sessionId()).isEqualTo(513);
        assertThat(packet.replyId()).isEqualTo(65535);
        assertThat(packet.data()).containsExactly(1, 2, 3);
    }

    @Test
    void packetWithAWrongChecksumIsRefusedNamingBoth() {
        byte[] bytes = HEX.parseHex("d007296bf38d0a0009");

        assertThatThrownBy(() -> ZkPacket.decode(bytes, 0, bytes.length))
                .isInstanceOf(ZkFormatException.class)
                .hasMessageContaining("checksum 0x6b29")
                .hasMessageContaining("expected: 0x6a29");
    }

    @Test
    void packetShorterThanItsHeaderIsRefused() {
        assertThatThrownBy(() -> ZkPacket.decode(new byte[5], 0, 5))
                .isInstanceOf(ZkFormatException.class)
                .hasMessage("packet of 5 bytes (expected: at least 8)");
    }

    @Test
    void liveEventPacketCapturedFromAClockPassesTheChecksum() throws Exception {
        byte[] bytes =
                HEX.parseHex("f401ac120100000039393931313133333300000000000000000000000000000001001206191129" + "05");

        ZkPacket packet = ZkPacket.decode(bytes, 0, bytes.length);

        assertThat(packet.command()).isEqualTo(ZkCommands.REG_EVENT);
        assertThat(packet.sessionId()).isEqualTo(ZkCommands.EF_ATTLOG);
    }
}
