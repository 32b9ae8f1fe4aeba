package io.printbridge.server.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.dashboard.DashboardClient;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.live.SseClient;
import io.printbridge.server.live.SseClient.SseEvent;
import io.printbridge.server.testing.AttendanceFixture;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A simulated clock in the shop, the real agent reading it over the ZK protocol, the real server
 * storing the punches, and the ERP reading them with a cursor: on H2 and on PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AttendanceEndToEndTest {

    /** The API's local times: always with seconds. */
    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private static final String HR_TOKEN = "hr-" + UUID.randomUUID();

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Bridge bridge;
    SimulatedZkClock clock;
    List<ClockUser> users;

    @BeforeEach
    void start() throws Exception {
        database.assumeAvailable();
        users = SimulatedPunches.users(20);
        clock = SimulatedZkClock.builder().serialNumber("CKJ7201160001").start();
        clock.putUsers(users);
        clock.addRecords(SimulatedPunches.records(1_200, 11, users));
        bridge = new Bridge(dir, List.of("alger-01"), AttendanceFixture.hrToken(HR_TOKEN), database);
        ClockSetup clocks = AttendanceFixture.entranceOn(clock, dir.resolve("agent-clocks"));
        Agent agent = bridge.startAgent("alger-01", new VirtualPrinter(), clocks);
        Bridge.connected(agent);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (clock != null) {
            clock.close();
        }
    }

    @Test
    void everyPunchOfTheClockReachesTheErpOnceThroughTheCursor() throws Exception {
        awaitPunches(1_200);
        LocalDateTime late = LocalDateTime.of(2026, 12, 5, 17, 30);
        clock.punch(new ClockRecord(users.get(3).userId(), late, 1, 0, 15));
        awaitPunches(1_201);

        Set<String> read = new HashSet<>();
        String cursor = "";
        int pages = 0;
        boolean more = true;
        while (more) {
            JsonNode page = bridge.json(
                    bridge.get("/api/v1/attendance/punches?store=alger-01&limit=500&after=" + cursor, HR_TOKEN));
            for (JsonNode punch : page.get("punches")) {
                assertThat(read.add(punch.get("employeeId").asText() + "|"
                                + punch.get("localTime").asText() + "|"
                                + punch.get("status").asInt()))
                        .as("punch %s read once", punch)
                        .isTrue();
            }
            cursor = page.get("next").asText();
            more = page.get("more").asBoolean();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(read)
                .isEqualTo(clock.records().stream()
                        .map(r -> r.userId() + "|" + LOCAL.format(r.localTime()) + "|" + r.status())
                        .collect(Collectors.toSet()));
        // The cursor of the last page stays good: a punch made later comes after it, alone.
        clock.punch(new ClockRecord(users.get(4).userId(), late.plusMinutes(1), 0, 0, 1));
        awaitPunches(1_202);
        JsonNode after = bridge.json(bridge.get("/api/v1/attendance/punches?store=alger-01&after=" + cursor, HR_TOKEN));
        assertThat(after.get("punches")).hasSize(1);
        assertThat(after.get("punches").get(0).get("employeeId").asText())
                .isEqualTo(users.get(4).userId());
        assertThat(after.get("punches").get(0).get("employeeName").asText())
                .isEqualTo(users.get(4).name());
        assertThat(after.get("punches").get(0).get("punchedAt").asText()).isEqualTo("2026-12-05T16:31:00Z");
    }

    @Test
    void theStoresClockShowsItsStateAndInfo() throws Exception {
        JsonNode clocks = bridge.await(
                "/api/v1/stores/alger-01/clocks",
                body -> body.isArray()
                        && body.size() == 1
                        && body.get(0).path("state").asText().equals("ONLINE"),
                Duration.ofSeconds(30),
                HR_TOKEN);
        JsonNode entrance = clocks.get(0);
        assertThat(entrance.get("name").asText()).isEqualTo("entrance");
        assertThat(entrance.get("serialNumber").asText()).isEqualTo("CKJ7201160001");
        assertThat(entrance.get("users").asInt()).isEqualTo(20);
        assertThat(entrance.get("timeZone").asText()).isEqualTo("Africa/Algiers");
    }

    @Test
    void aPrintOnlyTokenCannotReadAttendance() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/attendance/punches?store=alger-01");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("attendance scope");
    }

    @Test
    void aBadCursorIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/attendance/punches?store=alger-01&after=xyz", HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("after").contains("xyz");
    }

    @Test
    void theGuardedClearEmptiesTheClockAndTheServerKeepsEveryPunch() throws Exception {
        awaitPunches(1_200);
        HttpResponse<String> created =
                bridge.post("/api/v1/stores/alger-01/jobs?wait=30", "{\"type\":\"attendance-clear\"}", HR_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode job = bridge.json(created);
        assertThat(job.get("state").asText()).as(created.body()).isEqualTo("DONE");
        assertThat(clock.records()).isEmpty();
        assertThat(clock.disabled()).isFalse();
        assertThat(count()).isEqualTo(1_200);
    }

    @Test
    void anEmployeePushedFromTheErpIsOnTheClock() throws Exception {
        HttpResponse<String> created = bridge.post(
                "/api/v1/stores/alger-01/jobs?wait=30",
                "{\"type\":\"employee-push\",\"employeeId\":\"4242\",\"name\":\"Amina Benali\",\"cardNumber\":\"7788\"}",
                HR_TOKEN);
        assertThat(bridge.json(created).get("state").asText())
                .as(created.body())
                .isEqualTo("DONE");
        assertThat(clock.users()).anySatisfy(user -> {
            assertThat(user.userId()).isEqualTo("4242");
            assertThat(user.name()).isEqualTo("Amina Benali");
            assertThat(user.cardNumber()).isEqualTo(7788);
        });
    }

    @Test
    void theDashboardShowsTheStoresClockAndItsLastPunches() throws Exception {
        awaitPunches(1_200);
        bridge.server()
                .getBean(DashboardUsers.class)
                .create("test", "nadia", "correct horse battery", Role.VIEWER, "fr", "Africa/Algiers");
        DashboardClient dashboard = new DashboardClient(bridge.httpPort());
        dashboard.login("nadia", "correct horse battery");
        bridge.await(
                "/api/v1/stores/alger-01/clocks",
                body -> body.path(0).path("state").asText().equals("ONLINE"),
                Duration.ofSeconds(30),
                HR_TOKEN);
        String page = dashboard.get("/dashboard/stores/alger-01").body();
        assertThat(page)
                .contains("data-clock=\"entrance\" data-state=\"ONLINE\"")
                .contains("CKJ7201160001");
        assertThat(page).contains("Pointeuses et derniers pointages");
        assertThat(page.split("data-punch=\"", -1)).hasSize(11); // the last 10 punches
    }

    @Test
    void aPunchReachesTheLiveEventsOfAnAttendanceTokenAndNotOfAPrintOnlyOne() throws Exception {
        awaitPunches(1_200);
        HttpClient http = HttpClient.newHttpClient();
        try (SseClient hr = SseClient.open(http, bridge.uri("/api/v1/events"), HR_TOKEN);
                SseClient print = SseClient.open(http, bridge.uri("/api/v1/events"), Bridge.TOKEN)) {
            Thread.sleep(500); // both streams listening
            clock.punch(new ClockRecord(users.get(5).userId(), LocalDateTime.of(2026, 12, 5, 18, 0, 7), 1, 0, 1));

            List<SseEvent> read = hr.readUntil(SseClient::isAttendance, Duration.ofSeconds(20));

            assertThat(read.get(read.size() - 1).data())
                    .as("the attendance token's event")
                    .contains("2026-12-05T18:00:07");
            awaitPunches(1_201);
            Thread.sleep(500);
            assertThat(print.readAvailable())
                    .as("the print-only token's events (its stream answered 200)")
                    .noneMatch(SseClient::isAttendance);
        }
    }

    private int count() throws Exception {
        return AttendanceFixture.punches(bridge, HR_TOKEN, "alger-01").size();
    }

    private void awaitPunches(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = count();
            if (seen == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server holds " + seen + " punches, expected " + expected);
    }
}
