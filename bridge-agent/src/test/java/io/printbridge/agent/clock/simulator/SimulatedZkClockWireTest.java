package io.printbridge.agent.clock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.zk.ZkCommands;
import io.printbridge.agent.clock.zk.ZkFreeSizes;
import io.printbridge.agent.clock.zk.ZkLimits;
import io.printbridge.agent.clock.zk.ZkPacket;
import io.printbridge.agent.clock.zk.ZkRecordLayout;
import io.printbridge.agent.clock.zk.ZkTcpFrame;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated clock seen from a raw socket, the way node-zklib reads a clock over TCP: reply ids
 * from 1, the 11-byte {@code CMD_DATA_WRRQ} request, every {@code CMD_DATA_RDY} sent at once
 * without waiting, 65,472-byte chunks.
 */
class SimulatedZkClockWireTest {

    private static final int NODE_CHUNK = 65_472;
    private static final List<ClockUser> USERS = SimulatedPunches.users(30);
    private static final List<ClockRecord> RECORDS = SimulatedPunches.records(30_000, 1, USERS);

    private final SimulatedZkClock clock = start();

    private static SimulatedZkClock start() {
        try {
            SimulatedZkClock clock = SimulatedZkClock.builder()
                    .packetGap(java.time.Duration.ZERO)
                    .start();
            clock.putUsers(USERS);
            clock.addRecords(RECORDS);
            return clock;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        clock.close();
    }

    @Test
    void connectIsAnsweredWithTheSameReplyIdAndASessionId() throws Exception {
        try (Socket socket = socket()) {
            send(socket, new ZkPacket(ZkCommands.CONNECT, 0, 1));

            ZkPacket reply = receive(socket);
            assertThat(reply.command()).isEqualTo(ZkCommands.ACK_OK);
            assertThat(reply.replyId()).isEqualTo(1);
            assertThat(reply.sessionId()).isNotZero();
        }
    }

    @Test
    void freeSizesCarryTheCountsWhereNodeZklibReadsThem() throws Exception {
        try (Socket socket = socket()) {
            int session = connect(socket);
            send(socket, new ZkPacket(ZkCommands.GET_FREE_SIZES, session, 2));

            ZkPacket reply = receive(socket);
            assertThat(reply.dataLength()).isEqualTo(ZkFreeSizes.SIZE);
            ByteBuffer data = reply.dataBuffer();
            assertThat(data.getInt(16)).isEqualTo(30); // node-zklib: offset 24 of the frame's packet
            assertThat(data.getInt(32)).isEqualTo(30_000); // offset 40
            assertThat(data.getInt(64)).isEqualTo(200_000); // offset 72
        }
    }

    @Test
    void attendanceLogReadAsNodeZklibDoesComesWholeIn40ByteRecords() throws Exception {
        try (Socket socket = socket()) {
            int session = connect(socket);
            byte[] request = HexFormat.of().parseHex("010d000000000000000000"); // node-zklib's GET_ATTENDANCE_LOGS
            send(socket, new ZkPacket(ZkCommands.PREPARE_BUFFER, session, 2, request));
            ZkPacket announcement = receive(socket);
            assertThat(announcement.command()).isEqualTo(ZkCommands.ACK_OK);
            assertThat(announcement.dataLength()).isEqualTo(13);
            int size = announcement.dataBuffer().getInt(1);
            assertThat(size).isEqualTo(4 + 40 * RECORDS.size());

            int chunks = (size + NODE_CHUNK - 1) / NODE_CHUNK;
            for (int i = 0; i < chunks; i++) { // all at once, as node-zklib sends them
                ByteBuffer ready = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                ready.putInt(i * NODE_CHUNK).putInt(Math.min(NODE_CHUNK, size - i * NODE_CHUNK));
                send(socket, new ZkPacket(ZkCommands.READ_BUFFER, session, 3 + i, ready.array()));
            }
            ByteArrayOutputStream dataset = new ByteArrayOutputStream();
            for (int i = 0; i < chunks; i++) {
                ZkPacket prepare = receive(socket);
                ZkPacket data = receive(socket);
                ZkPacket ok = receive(socket);
                assertThat(List.of(prepare.command(), data.command(), ok.command()))
                        .containsExactly(ZkCommands.PREPARE_DATA, ZkCommands.DATA, ZkCommands.ACK_OK);
                assertThat(prepare.dataLength()).isEqualTo(8); // node-zklib drops 8 bytes before the data
                assertThat(prepare.dataBuffer().getInt(0)).isEqualTo(data.dataLength());
                dataset.write(data.data());
            }

            assertThat(decode40(dataset.toByteArray())).isEqualTo(RECORDS);
        }
    }

    @Test
    void userTableReadAsNodeZklibDoesComesIn72ByteUsers() throws Exception {
        try (Socket socket = socket()) {
            int session = connect(socket);
            byte[] request = HexFormat.of().parseHex("0109000500000000000000"); // node-zklib's GET_USERS
            send(socket, new ZkPacket(ZkCommands.PREPARE_BUFFER, session, 2, request));

            ZkPacket announcement = receive(socket);
            assertThat(announcement.dataBuffer().getInt(1)).isEqualTo(4 + 72 * USERS.size());
        }
    }

    @Test
    void garbageFromAClientDoesNotStopTheClock() throws Exception {
        try (Socket rude = socket()) {
            rude.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(rude.getInputStream().read()).isEqualTo(-1); // it hangs up on that client only
        }
        try (DatagramSocket udp = new DatagramSocket()) {
            byte[] bad = new ZkPacket(ZkCommands.CONNECT, 0, 1).encode();
            bad[2] ^= 1; // wrong checksum
            udp.send(new DatagramPacket(bad, bad.length, InetAddress.getLoopbackAddress(), clock.udpPort()));
        }

        try (Socket socket = socket()) {
            assertThat(connect(socket)).isNotZero();
        }
    }

    @Test
    void oversizedFrameFromAClientEndsOnlyThatConnection() throws Exception {
        try (Socket rude = socket()) {
            byte[] prefix = {0x50, 0x50, (byte) 0x82, 0x7D, 0, 0, 0, 0x10};
            rude.getOutputStream().write(prefix);
            assertThat(rude.getInputStream().read()).isEqualTo(-1);
        }

        try (Socket socket = socket()) {
            assertThat(connect(socket)).isNotZero();
        }
    }

    @Test
    void liveEventCarriesItsFlagInTheSessionFieldAndReplyIdZero() throws Exception {
        try (Socket socket = socket()) {
            int session = connect(socket);
            send(socket, new ZkPacket(ZkCommands.REG_EVENT, session, 2, new byte[] {1, 0, 0, 0}));
            assertThat(receive(socket).command()).isEqualTo(ZkCommands.ACK_OK);

            clock.punch(RECORDS.get(0));

            ZkPacket event = receive(socket);
            assertThat(event.command()).isEqualTo(ZkCommands.REG_EVENT);
            assertThat(event.sessionId()).isEqualTo(ZkCommands.EF_ATTLOG);
            assertThat(event.replyId()).isZero();
            assertThat(new String(event.data(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(RECORDS.get(0).userId());
        }
    }

    private static List<ClockRecord> decode40(byte[] dataset) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(dataset).order(ByteOrder.LITTLE_ENDIAN);
        int total = in.getInt();
        assertThat(total).isEqualTo(dataset.length - 4);
        List<ClockRecord> records = new ArrayList<>();
        while (in.hasRemaining()) {
            records.add(ZkRecordLayout.BYTES_40.read(in, Integer::toString));
        }
        return records;
    }

    private Socket socket() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), clock.tcpPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static int connect(Socket socket) throws Exception {
        send(socket, new ZkPacket(ZkCommands.CONNECT, 0, 1));
        ZkPacket reply = receive(socket);
        assertThat(reply.command()).isEqualTo(ZkCommands.ACK_OK);
        return reply.sessionId();
    }

    private static void send(Socket socket, ZkPacket packet) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(ZkTcpFrame.wrap(packet.encode()));
        out.flush();
    }

    private static ZkPacket receive(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] prefix = new byte[ZkTcpFrame.PREFIX_SIZE];
        in.readFully(prefix);
        byte[] packet = new byte[ZkTcpFrame.packetLength(prefix, ZkLimits.MAX_TCP_FRAME)];
        in.readFully(packet);
        return ZkPacket.decode(packet, 0, packet.length);
    }
}
