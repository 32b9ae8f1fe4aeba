package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.live.SseClient;
import io.printbridge.server.live.SseClient.SseEvent;
import io.printbridge.server.streams.AgentStreams;
import io.printbridge.server.testing.AttendanceFixture;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ClusterBridges;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERP's live events may be open on any server of a cluster: punches and clock changes of a
 * shop whose stream is held by one server reach the events of another (its hints, read back from
 * the database), as they reach the holder's.
 */
class AttendanceAcrossServersTest {

    private static final String STORE = "tlemcen-02";
    private static final String HR_TOKEN = "hr-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private Bridge first;
    private Bridge second;
    private SimulatedZkClock clock;
    private List<ClockUser> users;

    @BeforeEach
    void start() throws Exception {
        users = SimulatedPunches.users(5);
        clock = SimulatedZkClock.builder().serialNumber("CKJ7201160002").start();
        clock.putUsers(users);
        first = ClusterBridges.first(dir, List.of(STORE), AttendanceFixture.hrToken(HR_TOKEN));
        second = ClusterBridges.next(first, dir, "second", AttendanceFixture.hrToken(HR_TOKEN));
    }

    @AfterEach
    void stop() {
        ClusterBridges.close(first, second);
        if (clock != null) {
            clock.close();
        }
    }

    @Test
    void aPunchAndTheClocksStateOfAShopHeldByOneServerReachTheLiveEventsOfTheOther() throws Exception {
        try (SseClient events = SseClient.open(
                        HttpClient.newHttpClient(), second.uri("/api/v1/events?store=" + STORE), HR_TOKEN);
                Agent agent = Bridge.connected(first.startAgent(
                        STORE,
                        new VirtualPrinter(),
                        first.grpcPort(),
                        AttendanceFixture.entranceOn(clock, dir.resolve("agent-clocks"))))) {
            assertThat(second.server().getBean(AgentStreams.class).find(STORE))
                    .as("the stream is held by the first server")
                    .isEmpty();

            List<SseEvent> reached = events.readUntil(
                    event -> "clock".equals(event.name()) && event.data().contains("\"state\":\"ONLINE\""),
                    Duration.ofSeconds(30));
            assertThat(reached.get(reached.size() - 1).data())
                    .contains("\"event\":\"clock.status\"")
                    .contains("\"clock\":\"entrance\"");

            String employee = users.get(2).userId();
            clock.punch(new ClockRecord(employee, LocalDateTime.of(2026, 12, 5, 18, 0, 7), 1, 0, 1));
            List<SseEvent> punched =
                    events.readUntil(event -> "attendance".equals(event.name()), Duration.ofSeconds(30));

            assertThat(punched.get(punched.size() - 1).data())
                    .contains("\"count\":1")
                    .contains("\"employeeId\":\"" + employee + "\"")
                    .contains("2026-12-05T18:00:07")
                    .contains("\"store\":\"" + STORE + "\"");
        }
    }
}
