package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.Validity;
import io.printbridge.server.grpc.SessionTicketKeys;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart, an agent resumes its TLS session from the ticket the server before gave it: the
 * server keeps its ticket keys in the data directory (SessionTicketKeys) and the agent keeps its
 * TLS context, and with it its session, from one channel to the next (AgentTlsContexts).
 */
class SessionResumptionTest {

    @TempDir
    Path dir;

    Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(dir, List.of("oran-02"));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void anAgentResumesItsSessionWithTheServerStartedAgainOnTheSameData() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Agent agent = Bridge.connected(bridge.startAgent("oran-02", printer));
        assertThat(resumed()).isZero();

        bridge.stopServer();
        bridge.startServer();
        Bridge.connected(agent);

        assertThat(resumed()).isEqualTo(1);
        // The resumed session still names the store: a job reaches its printer.
        JsonNode job = bridge.json(bridge.post(
                "/api/v1/stores/oran-02/jobs?wait=10", ConnectionLifecycleTest.rawJob("after a resumed handshake\n")));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(printer.printed())).isEqualTo("after a resumed handshake\n");
    }

    @Test
    void withoutTheKeyFileTheSessionIsNotResumedButTheAgentConnectsAllTheSame() throws Exception {
        Agent agent = Bridge.connected(bridge.startAgent("oran-02", new VirtualPrinter()));
        Path keys = dir.resolve("data").resolve("tls-ticket-keys");
        assertThat(keys).exists();

        bridge.stopServer();
        Files.delete(keys);
        bridge.startServer();
        Bridge.connected(agent);

        assertThat(resumed()).isZero();
        assertThat(keys).exists();
    }

    @Test
    void aCertificateThatExpiredSinceItsSessionBeganIsRefusedWhenTheSessionIsResumed() throws Exception {
        // Valid for a few seconds: checked in the first, full handshake; expired by the resumption.
        bridge.certs().issueAgent("oran-02", Validity.fromNow(Duration.ofSeconds(4)));
        Agent agent = bridge.startAgentWithoutRenewal("oran-02", new VirtualPrinter());
        Bridge.connected(agent);

        bridge.stopServer();
        Thread.sleep(4_500);
        bridge.startServer();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (resumed() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(resumed()).as("the agent's dial resumed its session").isPositive();
        Thread.sleep(500);
        JsonNode stores = bridge.json(bridge.get("/api/v1/stores"));
        assertThat(stores.at("/stores/0/online").asBoolean())
                .as("a store whose certificate expired is not let in by a resumed session")
                .isFalse();
    }

    private long resumed() {
        return bridge.server().getBean(SessionTicketKeys.class).resumedHandshakes();
    }
}
