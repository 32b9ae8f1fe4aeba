package io.printbridge.agent.clock.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.link.Backoff;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.ClearAttendance;
import io.printbridge.proto.v1.ClockState;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.PushEmployee;
import io.printbridge.proto.v1.ReadClockInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockWorkerTest {

    private static final ClockEndpoint ENDPOINT =
            new ClockEndpoint("192.168.1.201", 4370, ClockTransport.TCP, 0, Duration.ofSeconds(1));

    @TempDir
    Path data;

    private final FakeClock clock = new FakeClock("CKX123");
    private final FakeServer server = new FakeServer();
    private final List<Clocks> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Clocks::close);
    }

    private Clocks start(Duration checkInterval) {
        AttendanceUploads uploads = new AttendanceUploads(server);
        server.answerTo(uploads);
        ClockWorker worker = new ClockWorker(
                new ClockSettings(
                        "entrance", ENDPOINT, ZoneId.of("Africa/Algiers"), checkInterval, Duration.ofHours(24)),
                clock,
                uploads,
                new ReadCursors(data.resolve("clocks")),
                server.statuses::add,
                Instant::now,
                Ticker.system(),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), () -> 1.0));
        Clocks clocks = new Clocks(List.of(worker), uploads, Ticker.system());
        started.add(clocks);
        clocks.start();
        return clocks;
    }

    private Set<String> keysOnClock() {
        return clock.log().stream()
                .map(r -> clock.serial + "|" + r.userId() + "|" + ClockMessages.LOCAL.format(r.localTime()) + "|"
                        + r.status() + "|" + r.punchType())
                .collect(Collectors.toSet());
    }

    @Test
    void everyRecordOfTheLogReachesTheServerInBatchesOfAtMost500() {
        clock.add(FakeClock.records(0, 1234));
        start(Duration.ofSeconds(1));
        eventually(() -> server.stored.size() == 1234);
        assertThat(server.stored).isEqualTo(keysOnClock());
        assertThat(server.batches)
                .allSatisfy(b -> assertThat(b.getPunchesCount()).isLessThanOrEqualTo(500));
        assertThat(server.punchesSent()).isEqualTo(1234);
    }

    @Test
    void aRestartedAgentSendsOnlyWhatTheServerHasNotAcknowledged() {
        clock.add(FakeClock.records(0, 700));
        Clocks first = start(Duration.ofSeconds(1));
        eventually(() -> server.stored.size() == 700);
        eventually(
                () -> new ReadCursors(data.resolve("clocks")).read("entrance").count() == 700);
        first.close();
        int sentBefore = server.punchesSent();
        clock.add(FakeClock.records(700, 30));
        start(Duration.ofSeconds(1));
        eventually(() -> server.stored.size() == 730);
        assertThat(server.punchesSent() - sentBefore).isEqualTo(30);
        assertThat(server.stored).isEqualTo(keysOnClock());
    }

    @Test
    void aLivePunchArrivesAtOnce() {
        clock.add(FakeClock.records(0, 10));
        start(Duration.ofHours(1));
        eventually(() -> server.stored.size() == 10);
        clock.punch(new ClockRecord("7", LocalDateTime.of(2026, 12, 5, 8, 1, 2), 0, 0, 15));
        eventually(() -> server.stored.size() == 11);
        assertThat(server.batches.get(server.batches.size() - 1).getSource().name())
                .endsWith("LIVE");
    }

    @Test
    void punchesMadeWhileTheServerIsAwayArriveOnceTheLinkIsWelcomedAgain() {
        clock.add(FakeClock.records(0, 5));
        Clocks clocks = start(Duration.ofHours(1));
        eventually(() -> server.stored.size() == 5);
        server.up(false);
        clocks.ended();
        for (ClockRecord record : FakeClock.records(5, 3)) {
            clock.punch(record);
        }
        sleep(300); // the live batch is tried and not sent: the server is away
        assertThat(server.stored).hasSize(5);
        server.up(true);
        clocks.welcomed(4);
        eventually(() -> server.stored.size() == 8);
        assertThat(server.stored).isEqualTo(keysOnClock());
    }

    @Test
    void aBatchTheServerRefusedIsSentAgainWithinSecondsNotAtTheNextCheck() {
        clock.add(FakeClock.records(0, 10));
        server.refuseNext(2);
        // A check an hour apart: only the retry after a refusal can bring these punches in time.
        start(Duration.ofHours(1));
        eventually(() -> server.stored.size() == 10);
        assertThat(server.stored).isEqualTo(keysOnClock());
        assertThat(server.batches).hasSize(3);
    }

    @Test
    void aLogClearedByHandAndRefilledIsSentAgainWhole() {
        clock.add(FakeClock.records(0, 50));
        Clocks first = start(Duration.ofSeconds(1));
        eventually(() -> server.stored.size() == 50);
        eventually(
                () -> new ReadCursors(data.resolve("clocks")).read("entrance").count() == 50);
        first.close();
        clock.clearedByHand();
        clock.add(FakeClock.records(1000, 60));
        start(Duration.ofSeconds(1));
        eventually(() -> server.stored.size() == 110);
        assertThat(server.stored).containsAll(keysOnClock());
    }

    @Test
    void theGuardedClearEmptiesTheLogOnlyOnceTheServerHasEveryRecord() throws Exception {
        clock.add(FakeClock.records(0, 600));
        Clocks clocks = start(Duration.ofHours(1));
        eventually(() -> server.stored.size() == 600);
        CommandResult result =
                run(clocks, Command.newBuilder().setClearAttendance(ClearAttendance.getDefaultInstance()));
        assertThat(result.hasSucceeded()).as(result.toString()).isTrue();
        assertThat(result.getRecordsCleared()).isEqualTo(600);
        assertThat(clock.log()).isEmpty();
        assertThat(clock.enabled()).isTrue();
    }

    @Test
    void theGuardedClearClearsNothingWhenTheServerCannotAcknowledge() throws Exception {
        clock.add(FakeClock.records(0, 20));
        Clocks clocks = start(Duration.ofHours(1));
        eventually(() -> server.stored.size() == 20);
        server.up(false);
        clock.add(FakeClock.records(20, 5)); // not live: only a read finds them
        CommandResult result =
                run(clocks, Command.newBuilder().setClearAttendance(ClearAttendance.getDefaultInstance()));
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_NOT_ALL_STORED);
        assertThat(result.getFailed().getMessage()).contains("25 records").contains("nothing cleared");
        assertThat(clock.log()).hasSize(25);
        assertThat(clock.enabled()).isTrue();
    }

    @Test
    void anUnreachableClockIsReportedOfflineWithItsAddressAndCommandsFailAtOnce() throws Exception {
        clock.failConnections(new ClockException(
                ClockException.Kind.OFFLINE, "192.168.1.201:4370: no answer to CMD_CONNECT within 1 s"));
        Clocks clocks = start(Duration.ofSeconds(1));
        eventually(() -> server.statuses.stream().anyMatch(s -> s.getState() == ClockState.CLOCK_STATE_OFFLINE));
        assertThat(server.statuses.get(0).getDetail()).contains("192.168.1.201:4370");
        CommandResult result = run(clocks, Command.newBuilder().setReadClockInfo(ReadClockInfo.getDefaultInstance()));
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_CLOCK_OFFLINE);
    }

    @Test
    void aRefusedCommKeyIsReportedAsSuch() {
        clock.failConnections(
                new ClockException(ClockException.Kind.AUTH_REFUSED, "192.168.1.201:4370: comm key refused"));
        start(Duration.ofSeconds(1));
        eventually(() -> server.statuses.stream().anyMatch(s -> s.getState() == ClockState.CLOCK_STATE_AUTH_REFUSED));
    }

    @Test
    void anEmployeeIsPushedAndTheirNameGoesWithTheirPunches() throws Exception {
        Clocks clocks = start(Duration.ofHours(1));
        eventually(() -> clock.connections > 0);
        CommandResult result = run(
                clocks,
                Command.newBuilder()
                        .setPushEmployee(PushEmployee.newBuilder()
                                .setUserId("42")
                                .setName("Amina Benali")
                                .setCardNumber("1234567")));
        assertThat(result.hasSucceeded()).as(result.toString()).isTrue();
        clock.punch(new ClockRecord("42", LocalDateTime.of(2026, 12, 5, 8, 3), 0, 0, 4));
        eventually(() -> server.stored.size() == 1);
        assertThat(server.batches.get(server.batches.size() - 1).getPunches(0).getEmployeeName())
                .isEqualTo("Amina Benali");
    }

    @Test
    void anEmployeeIdThatIsNotDigitsIsRefusedNamingIt() throws Exception {
        Clocks clocks = start(Duration.ofHours(1));
        CommandResult result = run(
                clocks,
                Command.newBuilder()
                        .setPushEmployee(
                                PushEmployee.newBuilder().setUserId("A-1").setName("x")));
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_INVALID_ARGUMENT);
        assertThat(result.getFailed().getMessage()).contains("\"A-1\"").contains("expected: 1 to 9 digits");
    }

    @Test
    void aCommandForAClockTheAgentDoesNotHaveNamesTheOnesItHas() throws Exception {
        Clocks clocks = start(Duration.ofHours(1));
        CommandResult result =
                run(clocks, Command.newBuilder().setClock("back").setReadClockInfo(ReadClockInfo.getDefaultInstance()));
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_UNKNOWN_CLOCK);
        assertThat(result.getFailed().getMessage()).contains("\"back\"").contains("entrance");
    }

    private static CommandResult run(Clocks clocks, Command.Builder command) throws Exception {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        clocks.execute(
                command.setId("c-" + System.nanoTime())
                        .setTimeToLive(ProtoDurations.of(Duration.ofSeconds(30)))
                        .setSentAt(ProtoTimestamps.of(Instant.now()))
                        .build(),
                System.nanoTime(),
                result::complete);
        return result.get(20, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
