package io.printbridge.server.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.AttendanceFixture;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof, in one JVM: 30,000 punches on the clock plus live punches while the stream is
 * cut twice, the agent stopped and started again (its read cursor on disk) and the server stopped
 * and started again (its database on disk): the server ends with exactly the clock's records, none
 * twice. The stops here are in-process closes; a process killed outright is the fault-proof
 * module's business.
 */
class AttendanceUnderFaultsTest {

    /** The API's local times: always with seconds. */
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private static final String HR_TOKEN = "hr-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void theServerEndsWithExactlyTheClocksRecordsWhateverBreaks() throws Exception {
        List<ClockUser> users = SimulatedPunches.users(50);
        ScheduledExecutorService puncher = Executors.newSingleThreadScheduledExecutor();
        try (SimulatedZkClock clock = SimulatedZkClock.builder().start();
                Bridge bridge = new Bridge(dir, List.of("oran-02"), AttendanceFixture.hrToken(HR_TOKEN));
                TcpProxy proxy = new TcpProxy(bridge.grpcPort())) {
            clock.putUsers(users);
            clock.addRecords(SimulatedPunches.records(30_000, 19, users));
            ClockSetup setup = AttendanceFixture.entranceOn(clock, dir.resolve("agent-clocks"));
            Agent agent = bridge.startAgent("oran-02", new VirtualPrinter(), proxy.port(), setup);

            AtomicInteger live = new AtomicInteger();
            LocalDateTime start = LocalDateTime.of(2026, 12, 5, 8, 0);
            puncher.scheduleAtFixedRate(
                    () -> {
                        int n = live.incrementAndGet();
                        clock.punch(
                                new ClockRecord(users.get(n % users.size()).userId(), start.plusSeconds(n), 0, 0, 1));
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);

            awaitAtLeast(bridge, 1);
            proxy.cutAll(); // the first cut, early in the log's upload
            awaitAtLeast(bridge, 10_000);
            proxy.cutAll(); // the second, half way
            agent.close(); // the agent stops; its read cursor stays on disk
            agent = bridge.startAgent("oran-02", new VirtualPrinter(), proxy.port(), setup);
            awaitAtLeast(bridge, 20_000);
            bridge.stopServer(); // the server stops; its database stays
            Thread.sleep(500);
            bridge.startServer();
            Thread.sleep(1_000);
            puncher.shutdown();
            assertThat(puncher.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

            List<String> held = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                held = all(bridge);
                if (held.size() >= clock.records().size()) {
                    break;
                }
                Thread.sleep(500);
            }
            Set<String> expected = clock.records().stream()
                    .map(r -> r.userId() + "|" + LOCAL.format(r.localTime()) + "|" + r.status())
                    .collect(Collectors.toSet());
            assertThat(expected).hasSize(30_000 + live.get());
            assertThat(held).as("every punch once").doesNotHaveDuplicates();
            assertThat(new HashSet<>(held)).isEqualTo(expected);
            agent.close();
        } finally {
            puncher.shutdownNow();
        }
    }

    private static void awaitAtLeast(Bridge bridge, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (all(bridge).size() >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not reach " + count + " punches within 120 s");
    }

    /** Every punch the server holds, as employee|local time|status. */
    private static List<String> all(Bridge bridge) throws Exception {
        return AttendanceFixture.punches(bridge, HR_TOKEN, "oran-02").stream()
                .map(p -> p.get("employeeId").asText() + "|"
                        + p.get("localTime").asText() + "|" + p.get("status").asInt())
                .toList();
    }
}
