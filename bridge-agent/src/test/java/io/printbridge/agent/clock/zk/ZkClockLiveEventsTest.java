package io.printbridge.agent.clock.zk;

import static io.printbridge.agent.clock.zk.ClockFixture.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Punches the clock sends as they are made. */
class ZkClockLiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final List<ClockUser> USERS = SimulatedPunches.users(10);
    private static final ClockRecord PUNCH = new ClockRecord("1003", LocalDateTime.of(2025, 3, 4, 8, 1, 2), 0, 0, 15);
    private static final ClockRecord SECOND = new ClockRecord("1004", LocalDateTime.of(2025, 3, 4, 8, 1, 9), 1, 0, 1);

    private SimulatedZkClock clock;

    @AfterEach
    void stop() {
        if (clock != null) {
            clock.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void punchMadeAfterRegisteringArrivesAsALiveEvent(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, transport)) {
            connection.startLiveEvents();
            clock.punch(PUNCH);

            assertThat(connection.nextLiveEvent(WAIT)).contains(PUNCH);
        }
    }

    @Test
    void noLiveEventIsEmptyAfterTheWait() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.startLiveEvents();

            assertThat(connection.nextLiveEvent(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void punchesArriveInTheOrderTheyWereMade() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.startLiveEvents();
            clock.punch(PUNCH);
            clock.punch(SECOND);

            assertThat(connection.nextLiveEvent(WAIT)).contains(PUNCH);
            assertThat(connection.nextLiveEvent(WAIT)).contains(SECOND);
        }
    }

    @ParameterizedTest
    @EnumSource(ClockTransport.class)
    void punchMadeWhileTheLogIsReadIsKeptForLater(ClockTransport transport) throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(USERS);
        List<ClockRecord> history = SimulatedPunches.records(20_000, 4, USERS);
        clock.addRecords(history);

        try (ClockConnection connection = connect(clock, transport)) {
            connection.startLiveEvents();
            clock.punchDuringNextTransfer(PUNCH);

            assertThat(connection.records()).isEqualTo(history);
            assertThat(connection.nextLiveEvent(Duration.ZERO)).contains(PUNCH);
            assertThat(clock.records()).endsWith(PUNCH);
        }
    }

    @Test
    void punchMadeWhileAnotherRequestWaitsIsKeptForLater() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            connection.startLiveEvents();
            clock.punch(PUNCH); // on the wire before the answer to the next request

            connection.info();

            assertThat(connection.nextLiveEvent(Duration.ZERO)).contains(PUNCH);
        }
    }

    @Test
    void sessionThatDidNotRegisterGetsNoLiveEvents() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.TCP)) {
            clock.punch(PUNCH);

            assertThat(connection.nextLiveEvent(Duration.ofMillis(300))).isEmpty();
            assertThat(connection.records()).containsExactly(PUNCH);
        }
    }

    @Test
    void afterARebootANewConnectionWorksAndLiveEventsMustBeRegisteredAgain() throws Exception {
        clock = SimulatedZkClock.builder().start();
        clock.putUsers(USERS);
        clock.addRecords(List.of(SECOND));

        try (ClockConnection before = connect(clock, ClockTransport.TCP)) {
            before.startLiveEvents();
            clock.reboot(Duration.ofMillis(500));

            ClockException e = assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> ZkClockFaultsTest.catchClockException(before::info));
            assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        }

        try (ClockConnection after = assertTimeoutPreemptively(Duration.ofSeconds(20), this::connectOnceUp)) {
            assertThat(after.records()).containsExactly(SECOND);
            clock.punch(PUNCH);
            assertThat(after.nextLiveEvent(Duration.ofMillis(300))).isEmpty();

            after.startLiveEvents();
            clock.punch(PUNCH);
            assertThat(after.nextLiveEvent(WAIT)).contains(PUNCH);
        }
    }

    /** Connects, trying again while the clock is still rebooting. */
    private ClockConnection connectOnceUp() throws InterruptedException {
        while (true) {
            try {
                return connect(clock, ClockTransport.TCP);
            } catch (ClockException e) {
                assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void eventNotWaitedForStaysQueuedAcrossRequests() throws Exception {
        clock = SimulatedZkClock.builder().start();

        try (ClockConnection connection = connect(clock, ClockTransport.UDP)) {
            connection.startLiveEvents();
            clock.punch(PUNCH);
            connection.time();
            connection.users();

            Optional<ClockRecord> event = connection.nextLiveEvent(WAIT);
            assertThat(event).contains(PUNCH);
        }
    }
}
