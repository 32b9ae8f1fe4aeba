package io.printbridge.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.certs.DevCertificates;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's proof with real processes: 30,000 punches on a simulated clock and live punches made
 * all along, while the packaged agent uploads them through a link that is cut twice, the agent is
 * killed with SIGKILL once (its read cursor as the crash leaves it) and the server too (its H2 file
 * as the crash leaves it). The server must end with exactly the clock's records, none twice. The
 * in-process version (bridge-server's AttendanceUnderFaultsTest) closes instead of killing.
 */
class AttendanceThroughKillsTest {

    private static final String STORE = "oran-02";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theServerEndsWithExactlyTheClocksRecordsThoughBothAreKilled() throws Exception {
        RunCredentials credentials = RunCredentials.fresh();
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of(STORE));
        List<ClockUser> users = SimulatedPunches.users(50);
        ScheduledExecutorService puncher = Executors.newSingleThreadScheduledExecutor();
        try (SimulatedZkClock clock = SimulatedZkClock.builder().start();
                ServerDatabase database = ServerDatabase.of(RunSettings.DatabaseKind.H2, 19);
                ServerProcess server = new ServerProcess(
                                ShortFaultRunTest.jar("faults.serverJar"),
                                dir.resolve("server"),
                                certs,
                                database,
                                credentials.tokenSha256(),
                                RunCredentials.freePort(),
                                RunCredentials.freePort())
                        .with("-Dbridge.api.tokens.erp.scopes=print,attendance");
                RecordingPrinter receipt = new RecordingPrinter(STORE, "receipt");
                RecordingPrinter kitchen = new RecordingPrinter(STORE, "kitchen")) {
            clock.putUsers(users);
            clock.addRecords(SimulatedPunches.records(30_000, 19, users));
            Files.createDirectories(dir.resolve("server"));
            server.start();
            try (LinkProxy link = LinkProxy.start(STORE, new InetSocketAddress("127.0.0.1", server.grpcPort()));
                    AgentProcess agent = AgentProcess.configure(
                                    ShortFaultRunTest.jar("faults.agentJar"),
                                    dir.resolve(STORE),
                                    STORE,
                                    certs,
                                    link.port(),
                                    receipt,
                                    kitchen)
                            .withSettings(
                                    "clocks=entrance",
                                    "clock.entrance.host=127.0.0.1",
                                    "clock.entrance.port=" + clock.tcpPort(),
                                    "clock.entrance.time-zone=Africa/Algiers",
                                    "clock.entrance.check-interval=2s")) {
                AtomicInteger live = new AtomicInteger();
                LocalDateTime start = LocalDateTime.of(2026, 12, 6, 8, 0);
                puncher.scheduleAtFixedRate(
                        () -> {
                            int n = live.incrementAndGet();
                            clock.punch(new ClockRecord(
                                    users.get(n % users.size()).userId(), start.plusSeconds(n), 0, 0, 1));
                        },
                        0,
                        50,
                        TimeUnit.MILLISECONDS);
                agent.start();

                awaitAtLeast(server, credentials, 1);
                link.cut(); // early in the log's upload
                awaitAtLeast(server, credentials, 8_000);
                agent.kill(); // SIGKILL mid-upload: the cursor file as the crash leaves it
                agent.start();
                awaitAtLeast(server, credentials, 16_000);
                link.cut();
                awaitAtLeast(server, credentials, 22_000);
                server.kill(); // SIGKILL: batches in flight are neither acknowledged nor lost
                server.start();
                Thread.sleep(2_000);
                puncher.shutdown();
                assertThat(puncher.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

                Set<String> expected = clock.records().stream()
                        .map(r -> r.userId() + "|" + LOCAL.format(r.localTime()) + "|" + r.status())
                        .collect(Collectors.toSet());
                assertThat(expected).hasSize(30_000 + live.get());
                List<String> held = new ArrayList<>();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (System.nanoTime() < deadline) {
                    held = punches(server, credentials);
                    if (held.size() >= expected.size()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(held).as("every punch once").doesNotHaveDuplicates();
                Set<String> missing = new HashSet<>(expected);
                held.forEach(missing::remove);
                Set<String> unknown = new HashSet<>(held);
                unknown.removeAll(expected);
                assertThat(missing.size())
                        .as("punches on the clock the server lacks")
                        .isZero();
                assertThat(unknown)
                        .as("punches the server holds that the clock never had")
                        .isEmpty();
            }
        } finally {
            puncher.shutdownNow();
        }
    }

    private void awaitAtLeast(ServerProcess server, RunCredentials credentials, int count) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            int held = punches(server, credentials).size();
            if (held >= count) {
                // Where in the upload the next fault lands, for whoever reads the test's output.
                System.out.printf("attendance through kills: %d punches held (waited for %d)%n", held, count);
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the server did not reach " + count + " punches within " + PATIENCE);
    }

    /** Every punch the server holds, as employee|local time|status, through the ERP's cursor. */
    private List<String> punches(ServerProcess server, RunCredentials credentials) throws Exception {
        List<String> punches = new ArrayList<>();
        String cursor = "";
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                                    + "/api/v1/attendance/punches?store=" + STORE + "&limit=1000&after=" + cursor))
                            .header("Authorization", "Bearer " + credentials.token())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json.readTree(response.body());
            page.get("punches")
                    .forEach(p -> punches.add(p.get("employeeId").asText() + "|"
                            + p.get("localTime").asText() + "|"
                            + p.get("status").asInt()));
            cursor = page.get("next").asText();
            if (!page.get("more").asBoolean()) {
                return punches;
            }
        }
    }
}
