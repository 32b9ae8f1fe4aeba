package io.printbridge.agent.clock.zk;

import static io.printbridge.agent.clock.zk.ClockFixture.connect;
import static io.printbridge.agent.clock.zk.ZkClockFaultsTest.catchClockException;
import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the client changes on the clock. */
class ZkClockWritingTest {

    private SimulatedZkClock clock;

    @AfterEach
    void stop() {
        if (clock != null) {
            clock.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void putUserThenDeleteUserRoundTrips(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder()
                .recordSize(transport == ClockTransport.TCP ? 40 : 16)
                .start();
        clock.putUsers(SimulatedPunches.users(3));
        ClockUser added = new ClockUser(0, "2001", "Ann", ClockUser.USER, "99", 123456);

        try (ClockConnection connection = connect(clock, transport)) {
            connection.putUser(added);
            assertThat(connection.users()).contains(new ClockUser(4, "2001", "Ann", ClockUser.USER, "99", 123456));

            connection.deleteUser("2001");
            assertThat(connection.users()).extracting(ClockUser::userId).containsExactly("1001", "1002", "1003");
        }
        assertThat(clock.users()).hasSize(3);
    }

    @Test
    void putUserReplacesTheOneWithTheSameUserIdInItsSlot() throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(SimulatedPunches.users(3));

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.putUser(new ClockUser(0, "1002", "Renamed", ClockUser.ADMIN, "", 0));

            assertThat(connection.users()).contains(new ClockUser(2, "1002", "Renamed", ClockUser.ADMIN, "", 0));
            assertThat(connection.users()).hasSize(3);
        }
    }

    @Test
    void putUserIntoAnEmptyTableTakesSlotOne() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.putUser(new ClockUser(0, "77", "First", ClockUser.USER, "", 0));
        }

        assertThat(clock.users()).containsExactly(new ClockUser(1, "77", "First", ClockUser.USER, "", 0));
    }

    @Test
    void userTheClocksLayoutCannotHoldIsRefusedNamingWhy() throws Exception {
        clock = SimulatedZkClock.builder().recordSize(16).start();
        clock.putUsers(SimulatedPunches.users(1));

        try (ClockConnection connection = connect(clock, ClockTransport.UDP)) {
            var e = catchClockException(() -> {
                connection.putUser(new ClockUser(0, "A-1", "Ann", ClockUser.USER, "", 0));
                return null;
            });

            assertThat(e.kind()).isEqualTo(Kind.REFUSED);
            assertThat(e.getMessage()).contains("user id 'A-1' (expected: digits");
        }
    }

    @Test
    void deletingAUserTheClockDoesNotHoldIsNoError() throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(SimulatedPunches.users(2));

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.deleteUser("nobody");
        }

        assertThat(clock.users()).hasSize(2);
    }

    @Test
    void clearRecordsEmptiesTheLog() throws Exception {
        clock = SimulatedZkClock.builder().start();
        List<ClockUser> users = SimulatedPunches.users(5);
        clock.putUsers(users);
        clock.addRecords(SimulatedPunches.records(2000, 9, users));

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.clearRecords();

            assertThat(connection.records()).isEmpty();
            assertThat(connection.info().recordCount()).isZero();
        }
        assertThat(clock.records()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void setTimeChangesTheClocksTime(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();
        LocalDateTime set = LocalDateTime.of(2027, 12, 31, 23, 59, 0);

        try (ClockConnection connection = connect(clock, transport)) {
            connection.setTime(set);

            assertThat(clock.time()).isBetween(set, set.plusMinutes(1));
            assertThat(connection.time()).isBetween(set, set.plusMinutes(1));
        }
    }

    @Test
    void disableAndEnableReachTheClock() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.disable();
            assertThat(clock.disabled()).isTrue();

            connection.enable();
            assertThat(clock.disabled()).isFalse();
        }
    }
}
