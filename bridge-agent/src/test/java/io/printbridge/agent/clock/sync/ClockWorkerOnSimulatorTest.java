package io.printbridge.agent.clock.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.link.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock worker through the real ZK client against the simulated clock, with the faults the
 * issue names: a connection dropped inside a chunk, a clock that reboots, punches made meanwhile.
 * Whatever happens, the server ends with exactly the clock's records.
 */
class ClockWorkerOnSimulatorTest {

    @TempDir
    Path data;

    private final FakeServer server = new FakeServer();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Clocks start(SimulatedZkClock clock, ClockTransport transport) {
        AttendanceUploads uploads = new AttendanceUploads(server);
        server.answerTo(uploads);
        int port = transport == ClockTransport.TCP ? clock.tcpPort() : clock.udpPort();
        ClockWorker worker = new ClockWorker(
                new ClockSettings(
                        "entrance",
                        new ClockEndpoint("127.0.0.1", port, transport, 0, Duration.ofSeconds(2)),
                        ZoneId.of("Africa/Algiers"),
                        Duration.ofMillis(300),
                        Duration.ofHours(24)),
                new ZkClockConnector(),
                uploads,
                new ReadCursors(data.resolve("clocks")),
                server.statuses::add,
                Instant::now,
                Ticker.system(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), () -> 1.0));
        Clocks clocks = new Clocks(List.of(worker), uploads, Ticker.system());
        open.add(clocks);
        clocks.start();
        return clocks;
    }

    private static Set<String> keys(SimulatedZkClock clock) {
        return clock.records().stream()
                .map(r -> clock.serialNumber() + "|" + r.userId() + "|" + ClockMessages.LOCAL.format(r.localTime())
                        + "|" + r.status() + "|" + r.punchType())
                .collect(Collectors.toSet());
    }

    @Test
    void thirtyThousandPunchesWithADroppedChunkAndARebootEndExactlyOnTheServer() throws Exception {
        List<ClockUser> users = SimulatedPunches.users(50);
        SimulatedZkClock clock = SimulatedZkClock.builder().start();
        open.add(clock);
        clock.putUsers(users);
        clock.addRecords(SimulatedPunches.records(30_000, 7, users));
        clock.dropDuringNextTransfer(20_000);
        start(clock, ClockTransport.TCP);
        eventually(() -> server.stored.size() == 30_000, 60);
        clock.reboot(Duration.ofSeconds(1));
        LocalDateTime later = LocalDateTime.of(2026, 12, 5, 9, 0);
        for (int i = 0; i < 5; i++) {
            clock.punch(new ClockRecord(users.get(i).userId(), later.plusMinutes(i), 0, 0, 1));
        }
        eventually(() -> server.stored.size() == 30_005, 60);
        assertThat(server.stored).isEqualTo(keys(clock));
        assertThat(server.batches)
                .allSatisfy(b -> assertThat(b.getPunchesCount()).isBetween(1, 500));
    }

    @Test
    void aLivePunchOverUdpArrivesAndTheLogStaysWhole() throws Exception {
        List<ClockUser> users = SimulatedPunches.users(5);
        SimulatedZkClock clock = SimulatedZkClock.builder().recordSize(16).start();
        open.add(clock);
        clock.putUsers(users);
        clock.addRecords(SimulatedPunches.records(1_000, 3, users));
        start(clock, ClockTransport.UDP);
        eventually(() -> server.stored.size() == 1_000, 60);
        clock.punch(new ClockRecord(users.get(0).userId(), LocalDateTime.of(2026, 12, 5, 8, 30), 1, 0, 1));
        eventually(() -> server.stored.size() == 1_001, 30);
        assertThat(server.stored).isEqualTo(keys(clock));
        assertThat(server.batches.get(server.batches.size() - 1).getPunches(0).getEmployeeName())
                .isEqualTo(users.get(0).name());
    }

    private static void eventually(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
