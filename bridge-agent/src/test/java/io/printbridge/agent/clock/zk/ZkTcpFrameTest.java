package io.printbridge.agent.clock.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ZkTcpFrameTest {

    @Test
    void frameIsTheMagicThenTheLengthThenThePacket() {
        byte[] frame = ZkTcpFrame.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("5050827d09000000010203040506070809");
    }

    @Test
    void prefixGivesThePacketLength() throws Exception {
        byte[] frame = ZkTcpFrame.wrap(new byte[300]);

        assertThat(ZkTcpFrame.packetLength(frame, ZkLimits.MAX_TCP_FRAME)).isEqualTo(300);
    }

    @Test
    void frameLongerThanTheLimitIsRefused() {
        byte[] prefix = HexFormat.of().parseHex("5050827d40548900"); // 9,000,000

        assertThatThrownBy(() -> ZkTcpFrame.packetLength(prefix, 70_000))
                .isInstanceOf(ZkFormatException.class)
                .hasMessage("frame of 9000000 bytes (expected: 8 to 70000)");
    }

    @Test
    void frameWithoutTheMagicIsRefused() {
        byte[] prefix = "HTTP/1.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ZkTcpFrame.packetLength(prefix, 70_000))
                .isInstanceOf(ZkFormatException.class)
                .hasMessage("frame starting 0x48545450 (expected: 0x5050827d)");
    }
}
