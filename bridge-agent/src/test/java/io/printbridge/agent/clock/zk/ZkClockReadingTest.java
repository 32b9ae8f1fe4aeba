package io.printbridge.agent.clock.zk;

import static io.printbridge.agent.clock.zk.ClockFixture.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockDeviceInfo;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The client reads what a simulated clock holds, exactly, over both transports and in every layout. */
class ZkClockReadingTest {

    private static final List<ClockUser> USERS = SimulatedPunches.users(40);

    private SimulatedZkClock clock;

    @AfterEach
    void stop() {
        if (clock != null) {
            clock.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void readsTheDeviceInfo(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder()
                .serialNumber("BJ2C190160123")
                .deviceName("K40")
                .platform("ZMM220_TFT")
                .firmware("Ver 6.60 Apr 28 2017")
                .userCapacity(1000)
                .recordCapacity(100_000)
                .start();
        clock.putUsers(USERS);
        clock.addRecords(SimulatedPunches.records(123, 5, USERS));

        try (ClockConnection connection = connect(clock, transport)) {
            assertThat(connection.info())
                    .isEqualTo(new ClockDeviceInfo(
                            "BJ2C190160123", "K40", "ZMM220_TFT", "Ver 6.60 Apr 28 2017", 40, 1000, 123, 100_000));
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void readsTheClockTime(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();
        LocalDateTime set = LocalDateTime.of(2031, 7, 14, 9, 30, 0);
        clock.setTime(set);

        try (ClockConnection connection = connect(clock, transport)) {
            // The simulated clock runs on from the time set; a generous bound keeps a slow machine out of it.
            assertThat(connection.time()).isBetween(set, set.plusMinutes(1));
        }
    }

    @ParameterizedTest
    @MethodSource("userLayouts")
    void readsTheUsersInEitherLayout(ClockTransport transport, int recordSize) throws Exception {
        clock = SimulatedZkClock.builder().recordSize(recordSize).start();
        clock.putUsers(USERS);

        try (ClockConnection connection = connect(clock, transport)) {
            assertThat(connection.users()).isEqualTo(USERS);
        }
    }

    static Stream<Arguments> userLayouts() {
        return Stream.of(
                Arguments.of(ClockTransport.TCP, 40),
                Arguments.of(ClockTransport.UDP, 40),
                Arguments.of(ClockTransport.TCP, 16),
                Arguments.of(ClockTransport.UDP, 8));
    }

    @ParameterizedTest
    @MethodSource("everyTransportAndLayout")
    void readsThirtyThousandRecordsExactly(ClockTransport transport, int recordSize) throws Exception {
        clock = SimulatedZkClock.builder().recordSize(recordSize).start();
        clock.putUsers(USERS);
        List<ClockRecord> records = SimulatedPunches.records(30_000, recordSize, USERS);
        clock.addRecords(records);

        try (ClockConnection connection = connect(clock, transport)) {
            assertThat(connection.records()).isEqualTo(records);
        }
    }

    static Stream<Arguments> everyTransportAndLayout() {
        return Stream.of(ClockTransport.values())
                .flatMap(transport -> Stream.of(8, 16, 40).map(size -> Arguments.of(transport, size)));
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void readsOneHundredThousandRecordsExactly(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(USERS);
        List<ClockRecord> records = SimulatedPunches.records(100_000, 7, USERS);
        clock.addRecords(records);

        try (ClockConnection connection = connect(clock, transport)) {
            assertThat(connection.records()).isEqualTo(records);
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void readsAFewRecordsThatComeBackDirectlyWithoutTheBuffer(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(USERS);
        List<ClockRecord> records = SimulatedPunches.records(3, 2, USERS); // 124 bytes: one CMD_DATA
        clock.addRecords(records);

        try (ClockConnection connection = connect(clock, transport)) {
            assertThat(connection.records()).isEqualTo(records);
        }
    }

    @Test
    void readsAnEmptyLogAsNoRecords() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            assertThat(connection.records()).isEmpty();
            assertThat(connection.users()).isEmpty();
        }
    }

    @Test
    void readsTheSameLogTwiceOnOneConnection() throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(USERS);
        List<ClockRecord> records = SimulatedPunches.records(5000, 3, USERS);
        clock.addRecords(records);

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.records();
            assertThat(connection.records()).isEqualTo(records);
        }
    }
}
