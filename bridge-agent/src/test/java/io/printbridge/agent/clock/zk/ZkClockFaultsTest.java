package io.printbridge.agent.clock.zk;

import static io.printbridge.agent.clock.zk.ClockFixture.connect;
import static io.printbridge.agent.clock.zk.ClockFixture.endpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the client makes of a clock that refuses, breaks, lies or disappears: always an exception of the right kind, never a hang nor a short list. */
class ZkClockFaultsTest {

    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static final List<ClockUser> USERS = SimulatedPunches.users(20);
    private static final List<ClockRecord> RECORDS = SimulatedPunches.records(30_000, 11, USERS);

    private SimulatedZkClock clock;

    @AfterEach
    void stop() {
        if (clock != null) {
            clock.close();
        }
    }

    private SimulatedZkClock startWithRecords(SimulatedZkClock.Builder builder) throws Exception {
        clock = builder.start();
        clock.putUsers(USERS);
        clock.addRecords(RECORDS);
        return clock;
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void rightCommKeyIsAccepted(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().commKey(123456).start();

        try (ClockConnection connection =
                new ZkClockConnector().connect(endpoint(clock, transport, 123456, ClockFixture.TIMEOUT))) {
            assertThat(connection.info().serialNumber()).isEqualTo(clock.serialNumber());
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void wrongCommKeyIsAuthRefused(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().commKey(123456).start();
        ClockEndpoint endpoint = endpoint(clock, transport, 654321, ClockFixture.TIMEOUT);

        assertThatThrownBy(() -> new ZkClockConnector().connect(endpoint))
                .isInstanceOf(ClockException.class)
                .hasMessageStartingWith("127.0.0.1:" + endpoint.port() + ": the clock refused comm key")
                .extracting(e -> ((ClockException) e).kind())
                .isEqualTo(Kind.AUTH_REFUSED);
    }

    @Test
    void missingCommKeyIsAuthRefused() throws Exception {
        clock = SimulatedZkClock.builder().commKey(5).start();

        assertThatThrownBy(() -> connect(clock, ClockTransport.TCP))
                .isInstanceOf(ClockException.class)
                .hasMessageContaining("comm key 0 (none set here)")
                .extracting(e -> ((ClockException) e).kind())
                .isEqualTo(Kind.AUTH_REFUSED);
    }

    @Test
    void clockRefusingEveryKeyIsAuthRefused() throws Exception {
        clock = SimulatedZkClock.builder().commKey(42).start();
        clock.refuseAuth(true);

        assertThatThrownBy(() ->
                        new ZkClockConnector().connect(endpoint(clock, ClockTransport.TCP, 42, ClockFixture.TIMEOUT)))
                .extracting(e -> ((ClockException) e).kind())
                .isEqualTo(Kind.AUTH_REFUSED);
    }

    @Test
    void connectionDroppedMidTransferOverTcpIsOfflineQuickly() throws Exception {
        startWithRecords(SimulatedZkClock.builder());

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            clock.dropDuringNextTransfer(1000);

            ClockException e = assertTimeoutPreemptively(NO_HANG, () -> catchClockException(connection::records));
            assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
            assertThat(e.getMessage()).contains("mid-frame");
        }
    }

    @Test
    void connectionDroppedMidTransferOverUdpIsOfflineQuickly() throws Exception {
        startWithRecords(SimulatedZkClock.builder());

        try (ClockConnection connection = connect(clock, ClockTransport.UDP)) {
            clock.dropDuringNextTransfer(5000);

            ClockException e = assertTimeoutPreemptively(NO_HANG, () -> catchClockException(connection::records));
            assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        }
    }

    @Test
    void failedConnectionRefusesFurtherRequests() throws Exception {
        startWithRecords(SimulatedZkClock.builder());

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            clock.dropDuringNextTransfer(0);
            catchClockException(connection::records);

            assertThat(catchClockException(connection::info).kind()).isEqualTo(Kind.OFFLINE);
        }
    }

    @Test
    void chunkTruncatedOnceOverUdpIsReadAgainAndTheLogComesWhole() throws Exception {
        startWithRecords(SimulatedZkClock.builder());

        try (ClockConnection connection = connect(clock, ClockTransport.UDP)) {
            clock.truncateChunks(1);

            assertThat(connection.records()).isEqualTo(RECORDS);
        }
    }

    @Test
    void chunkTruncatedOnEveryTryOverUdpIsAProtocolErrorNotAShortList() throws Exception {
        startWithRecords(SimulatedZkClock.builder());

        try (ClockConnection connection = connect(clock, ClockTransport.UDP)) {
            clock.truncateChunks(ZkBufferReader.CHUNK_ATTEMPTS);

            ClockException e = assertTimeoutPreemptively(NO_HANG, () -> catchClockException(connection::records));
            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
            assertThat(e.getMessage()).contains("came back with 8192 bytes (expected: 16384)");
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void garbageAnswerIsAProtocolError(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, transport)) {
            clock.answerGarbage(1);

            assertThat(catchClockException(connection::time).kind()).isEqualTo(Kind.PROTOCOL_ERROR);
        }
    }

    @Test
    void answersSlowerThanTheTimeoutAreOfflineAfterTheTries() throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.slowAnswers(Duration.ofMillis(1500));
        ClockEndpoint endpoint = endpoint(clock, ClockTransport.TCP, 0, Duration.ofMillis(300));

        ClockException e = assertTimeoutPreemptively(
                NO_HANG, () -> catchClockException(() -> new ZkClockConnector().connect(endpoint)));

        assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        assertThat(e.getMessage()).contains("no answer to CMD_CONNECT within 300 ms, 3 tries");
    }

    @Test
    void answersSlowerThanUsualButWithinTheTimeoutAreRead() throws Exception {
        startWithRecords(SimulatedZkClock.builder());
        clock.slowAnswers(Duration.ofMillis(50));

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            assertThat(connection.records()).isEqualTo(RECORDS);
        }
    }

    @Test
    void clockThatIsNotThereIsOffline() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ClockEndpoint endpoint = new ClockEndpoint("127.0.0.1", port, ClockTransport.TCP, 0, ClockFixture.TIMEOUT);

        assertThat(catchClockException(() -> new ZkClockConnector().connect(endpoint))
                        .kind())
                .isEqualTo(Kind.OFFLINE);
    }

    @Test
    void frameLargerThanTheLimitIsRefusedNamingItsSize() throws Exception {
        try (ScriptedClock scripted = new ScriptedClock(request -> {
            byte[] prefix = {0x50, 0x50, (byte) 0x82, 0x7D, 0x40, 0x54, (byte) 0x89, 0x00}; // 9,000,000 bytes
            return prefix;
        })) {
            ClockException e = catchClockException(() -> new ZkClockConnector().connect(scripted(scripted)));

            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
            assertThat(e.getMessage())
                    .isEqualTo("127.0.0.1:" + scripted.port() + ": frame of 9000000 bytes (expected: 8 to 70000)");
        }
    }

    @Test
    void transferLargerThanTheLimitIsRefusedBeforeReadingIt() throws Exception {
        try (ScriptedClock scripted = new ScriptedClock(answering(
                request -> {
                    ByteBuffer announce = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
                    announce.put((byte) 0)
                            .putInt(100_000_000)
                            .putInt(100_000_000)
                            .putInt(0);
                    return ScriptedClock.reply(request, ZkCommands.ACK_OK, announce.array());
                },
                10))) {
            try (ClockConnection connection = new ZkClockConnector().connect(scripted(scripted))) {
                ClockException e = catchClockException(connection::records);

                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
                assertThat(e.getMessage())
                        .contains("transfer of 100000000 bytes announced (expected: at most 16777216)");
            }
        }
    }

    @Test
    void logWhoseSizeDoesNotMatchTheRecordCountIsAProtocolError() throws Exception {
        // The clock counts 10 records but sends 9 of 40 bytes: a short log, not a whole one.
        try (ScriptedClock scripted = new ScriptedClock(answering(
                request -> {
                    ByteBuffer log = ByteBuffer.allocate(4 + 9 * 40).order(ByteOrder.LITTLE_ENDIAN);
                    log.putInt(9 * 40);
                    return ScriptedClock.reply(request, ZkCommands.DATA, log.array());
                },
                10))) {
            try (ClockConnection connection = new ZkClockConnector().connect(scripted(scripted))) {
                ClockException e = catchClockException(connection::records);

                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
                assertThat(e.getMessage()).contains("log of 360 bytes for 10 records, then 10");
            }
        }
    }

    @Test
    void logThatGrewBetweenTheCountAndTheReadIsReadWhole() throws Exception {
        // 10 records counted, one punch before the read (11 sent), one more before the count again (12).
        List<ClockRecord> sent = RECORDS.subList(0, 11);
        AtomicInteger counts = new AtomicInteger();
        try (ScriptedClock scripted = new ScriptedClock(answering(
                request -> ScriptedClock.reply(request, ZkCommands.DATA, logOf40Bytes(sent)),
                () -> counts.getAndIncrement() == 0 ? 10 : 12))) {
            try (ClockConnection connection = new ZkClockConnector().connect(scripted(scripted))) {
                assertThat(connection.records()).isEqualTo(sent);
            }
        }
    }

    @Test
    void logShorterThanItsFirstCountIsAProtocolErrorEvenWhenTheCountGrew() throws Exception {
        // 10 counted, 9 sent, then 12: punches came, yet the log lacks one the clock held before.
        AtomicInteger counts = new AtomicInteger();
        try (ScriptedClock scripted = new ScriptedClock(answering(
                request -> ScriptedClock.reply(request, ZkCommands.DATA, logOf40Bytes(RECORDS.subList(0, 9))),
                () -> counts.getAndIncrement() == 0 ? 10 : 12))) {
            try (ClockConnection connection = new ZkClockConnector().connect(scripted(scripted))) {
                ClockException e = catchClockException(connection::records);

                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
                assertThat(e.getMessage()).contains("log of 360 bytes for 10 records, then 12");
            }
        }
    }

    @Test
    void logShorterThanItsOwnSizeFieldIsAProtocolError() throws Exception {
        try (ScriptedClock scripted = new ScriptedClock(answering(
                request -> {
                    ByteBuffer log = ByteBuffer.allocate(4 + 5 * 40).order(ByteOrder.LITTLE_ENDIAN);
                    log.putInt(10 * 40);
                    return ScriptedClock.reply(request, ZkCommands.DATA, log.array());
                },
                10))) {
            try (ClockConnection connection = new ZkClockConnector().connect(scripted(scripted))) {
                ClockException e = catchClockException(connection::records);

                assertThat(e.kind()).isEqualTo(Kind.PROTOCOL_ERROR);
                assertThat(e.getMessage()).contains("log announcing 400 bytes came with 200 (expected: 400)");
            }
        }
    }

    /** A script that connects, counts {@code records} records, and answers CMD_DATA_WRRQ with {@code buffer}. */
    /** A log dataset as a TFT clock sends it: its size, then {@code records} of 40 bytes each. */
    private static byte[] logOf40Bytes(List<ClockRecord> records) {
        ByteBuffer log = ByteBuffer.allocate(4 + records.size() * 40).order(ByteOrder.LITTLE_ENDIAN);
        log.putInt(records.size() * 40);
        records.forEach(r -> ZkRecordLayout.BYTES_40.write(r, userId -> 1, log));
        return log.array();
    }

    private static Function<ZkPacket, byte[]> answering(Function<ZkPacket, byte[]> buffer, int records) {
        return answering(buffer, () -> records);
    }

    /** A clock whose record count is {@code records}' next answer at each asking. */
    private static Function<ZkPacket, byte[]> answering(Function<ZkPacket, byte[]> buffer, IntSupplier records) {
        return request -> {
            switch (request.command()) {
                case ZkCommands.GET_FREE_SIZES:
                    return ScriptedClock.reply(
                            request, ZkCommands.ACK_OK, new ZkFreeSizes(0, records.getAsInt(), 100, 1000).encode());
                case ZkCommands.PREPARE_BUFFER:
                    return buffer.apply(request);
                default:
                    return ScriptedClock.reply(request, ZkCommands.ACK_OK, new byte[0]);
            }
        };
    }

    private static ClockEndpoint scripted(ScriptedClock scripted) {
        return new ClockEndpoint("127.0.0.1", scripted.port(), ClockTransport.TCP, 0, ClockFixture.TIMEOUT);
    }

    interface ClockCall {
        Object call() throws ClockException;
    }

    static ClockException catchClockException(ClockCall call) {
        try {
            Object result = call.call();
            throw new AssertionError("expected a ClockException, got " + describe(result));
        } catch (ClockException e) {
            return e;
        }
    }

    private static String describe(Object result) {
        return result instanceof List ? "a list of " + ((List<?>) result).size() : String.valueOf(result);
    }
}
