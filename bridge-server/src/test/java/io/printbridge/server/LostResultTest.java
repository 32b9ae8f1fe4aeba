package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick command is answered by its result alone (no acknowledgement first), so a result lost
 * with its stream leaves the server with no sign that the agent ran it. Found by the fault proof:
 * drawer jobs that had opened the drawer were reported EXPIRED ("the agent never took it"). Such a
 * job is now asked of the agent's journal on its next stream, even past its time to live, and only
 * an agent that stays away past the grace leaves it UNCERTAIN, never EXPIRED.
 */
class LostResultTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("oran-01", "oran-02"), Map.of("bridge.jobs.result-grace", "4s"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aJobWhoseResultWasLostIsAskedOfTheAgentsJournalPastItsTimeToLive() throws Exception {
        String id;
        try (RawAgent first = welcomed("oran-01")) {
            id = bridge.json(bridge.post("/api/v1/stores/oran-01/jobs", "{\"type\":\"drawer\",\"ttlSeconds\":1}"))
                    .path("id")
                    .asText();
            Command command = nextCommand(first);
            assertThat(command.getId()).isEqualTo(id);
            // The agent pulses the drawer and answers, but the stream dies before the answer arrives.
        }
        Thread.sleep(1_500); // its time to live is over
        assertThat(state(id)).as("not ended on the server's word alone").isIn("QUEUED", "SENT");

        try (RawAgent again = welcomed("oran-01")) {
            Command asked = nextCommand(again);
            assertThat(asked.getId()).isEqualTo(id);
            assertThat(asked.getTimeToLive().getSeconds()
                            + asked.getTimeToLive().getNanos())
                    .as("no time left to run it now: only the journal can answer")
                    .isZero();
            again.send(AgentMessage.newBuilder()
                    .setResult(CommandResult.newBuilder()
                            .setCommandId(id)
                            .setSucceeded(CommandSucceeded.getDefaultInstance())
                            .setReplayed(true))
                    .build());

            JsonNode done = bridge.await(
                    "/api/v1/jobs/" + id, job -> job.path("state").asText().equals("DONE"), WAIT);
            assertThat(done.path("state").asText()).isEqualTo("DONE");
        }
    }

    @Test
    void anAgentThatStaysAwayPastTheGraceLeavesItUncertainNotExpired() throws Exception {
        String id;
        try (RawAgent agent = welcomed("oran-02")) {
            id = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs", "{\"type\":\"drawer\",\"ttlSeconds\":1}"))
                    .path("id")
                    .asText();
            assertThat(nextCommand(agent).getId()).isEqualTo(id);
        }

        JsonNode ended = bridge.await(
                "/api/v1/jobs/" + id,
                job -> !List.of("QUEUED", "SENT").contains(job.path("state").asText()),
                WAIT);
        assertThat(ended.path("state").asText()).isEqualTo("UNCERTAIN");
        assertThat(ended.path("error").path("code").asText()).isEqualTo("NO_RESULT");
    }

    private static String state(String id) throws Exception {
        return bridge.json(bridge.get("/api/v1/jobs/" + id)).path("state").asText();
    }

    private static Command nextCommand(RawAgent agent) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerMessage message = agent.next(WAIT);
            if (message != null && message.hasCommand()) {
                return message.getCommand();
            }
        }
        throw new AssertionError("no command within " + WAIT);
    }

    private static RawAgent welcomed(String storeId) throws Exception {
        RawAgent agent = new RawAgent(
                bridge.grpcPort(),
                bridge.certs().agentCertificate(storeId),
                bridge.certs().agentKey(storeId),
                bridge.certs().caCertificate());
        agent.connect(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setAgentVersion("raw")
                        .setProtocolVersion(3)
                        .setHostname("till")
                        .addPrinters(Printer.newBuilder().setName("receipt").setIsDefault(true)))
                .build());
        ServerMessage first = agent.next(WAIT);
        assertThat(first).isNotNull();
        assertThat(first.hasWelcome()).as("welcomed: %s", first).isTrue();
        return agent;
    }
}
