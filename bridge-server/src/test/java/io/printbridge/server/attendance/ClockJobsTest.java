package io.printbridge.server.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.AttendanceFixture;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock jobs through the ERP's job API, down a real stream to a real agent whose two clocks do not
 * answer (the ZK protocol itself is tested against the simulator): the attendance scope, the
 * clock's name checked against what the agent reported, every clock in a batch, and the clock's
 * failure coming back as the job's error.
 */
class ClockJobsTest {

    private static final String HR_TOKEN = "hr-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"), AttendanceFixture.hrToken(HR_TOKEN));
        ClockSetup clocks = new ClockSetup(
                List.of(clock("entrance", "192.0.2.10"), clock("back", "192.0.2.11")),
                endpoint -> {
                    throw new ClockException(
                            ClockException.Kind.OFFLINE, endpoint.address() + ": no answer to CMD_CONNECT within 1 s");
                },
                dir.resolve("agent-clocks"));
        Agent agent = bridge.startAgent("alger-01", new VirtualPrinter(), clocks);
        Bridge.connected(agent);
    }

    private static ClockSettings clock(String name, String host) {
        return ClockSettings.of(
                name,
                new ClockEndpoint(host, 4370, ClockTransport.TCP, 0, Duration.ofSeconds(1)),
                ZoneId.of("Africa/Algiers"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aPrintOnlyTokenMayNotCreateAClockJob() throws Exception {
        HttpResponse<String> response =
                bridge.post("/api/v1/stores/alger-01/jobs", "{\"type\":\"clock-info\"," + "\"clock\":\"entrance\"}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("clock-info").contains("attendance scope");
    }

    @Test
    void anAttendanceOnlyTokenMayNotPrint() throws Exception {
        HttpResponse<String> response = bridge.post("/api/v1/stores/alger-01/jobs", "{\"type\":\"status\"}", HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("print scope");
    }

    @Test
    void aClockTheAgentDidNotReportIsRefusedNamingTheStoresClocks() throws Exception {
        HttpResponse<String> response =
                bridge.post("/api/v1/stores/alger-01/jobs", "{\"type\":\"clock-info\",\"clock\":\"garage\"}", HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("\\\"garage\\\"")
                .contains("entrance")
                .contains("back");
    }

    @Test
    void aJobThatNamesNoClockNeedsOneWhenTheStoreHasSeveral() throws Exception {
        HttpResponse<String> response =
                bridge.post("/api/v1/stores/alger-01/jobs", "{\"type\":\"clock-time\"}", HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("clock");
    }

    @Test
    void everyClockIsForABatchOnly() throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs",
                "{\"type\":\"employee-push\",\"clock\":\"*\",\"employeeId\":\"42\",\"name\":\"Amina\"}",
                HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("jobs/batch");
    }

    @Test
    void anEmployeeIdThatIsNotDigitsIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs",
                "{\"type\":\"employee-push\",\"clock\":\"entrance\",\"employeeId\":\"A-42\",\"name\":\"Amina\"}",
                HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("employeeId").contains("A-42").contains("1 to 9 digits");
    }

    @Test
    void aNameLongerThanTheClockKeepsIsRefused() throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs",
                "{\"type\":\"employee-push\",\"clock\":\"entrance\",\"employeeId\":\"42\",\"name\":\""
                        + "Abdelkader Benyoucef-Mansouri" + "\"}",
                HR_TOKEN);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("name").contains("at most 24");
    }

    @Test
    void aClockThatDoesNotAnswerFailsTheJobNamingItsAddress() throws Exception {
        HttpResponse<String> created = bridge.post(
                "/api/v1/stores/alger-01/jobs?wait=30", "{\"type\":\"clock-info\",\"clock\":\"entrance\"}", HR_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode job = bridge.json(created);
        assertThat(job.get("state").asText()).isEqualTo("FAILED");
        assertThat(job.get("error").get("code").asText()).isEqualTo("CLOCK_OFFLINE");
        assertThat(job.get("error").get("message").asText()).contains("192.0.2.10:4370");
    }

    @Test
    void aBatchForEveryClockMakesOneJobPerClock() throws Exception {
        HttpResponse<String> created = bridge.post(
                "/api/v1/stores/alger-01/jobs/batch?wait=30",
                "{\"jobs\":[{\"type\":\"employee-remove\",\"clock\":\"*\",\"employeeId\":\"42\"}]}",
                HR_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode jobs = bridge.json(created).get("jobs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).get("printer").asText()).isEqualTo("entrance");
        assertThat(jobs.get(1).get("printer").asText()).isEqualTo("back");
        assertThat(jobs.get(1).get("error").get("message").asText()).contains("192.0.2.11:4370");
    }

    @Test
    void aClockJobIsNotShownToAPrintOnlyToken() throws Exception {
        JsonNode job = bridge.json(
                bridge.post("/api/v1/stores/alger-01/jobs", "{\"type\":\"clock-info\",\"clock\":\"back\"}", HR_TOKEN));
        String id = job.get("id").asText();
        assertThat(bridge.get("/api/v1/jobs/" + id, HR_TOKEN).statusCode()).isEqualTo(200);
        assertThat(bridge.get("/api/v1/jobs/" + id).statusCode()).isEqualTo(404);
    }
}
