package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream survives what shops and deploys do to it: restarts, cut connections, offline spells. */
class ConnectionLifecycleTest {

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
    void agentReconnectsAfterTheServerRestartsAndPrintsAgain() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Agent agent = Bridge.connected(bridge.startAgent("oran-02", printer));

        bridge.stopServer();
        bridge.startServer();

        Bridge.connected(agent);
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs?wait=10", rawJob("after restart\n")));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(printer.printed())).isEqualTo("after restart\n");
    }

    @Test
    void agentReconnectsAfterTheConnectionIsCut() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        try (TcpProxy proxy = new TcpProxy(bridge.grpcPort())) {
            Agent agent = Bridge.connected(bridge.startAgent("oran-02", printer, proxy.port()));

            proxy.cutAll();
            awaitState(agent, state -> state != AgentLink.State.CONNECTED);

            Bridge.connected(agent);
            JsonNode job = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs?wait=10", rawJob("after the cut\n")));
            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(printer.printed())).isEqualTo("after the cut\n");
        }
    }

    @Test
    void jobForAnOfflineStoreIsQueuedAndPrintsWhenTheAgentComesBack() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("oran-02", printer)).close();
        bridge.await("/api/v1/stores", s -> !s.at("/stores/0/online").asBoolean(), Duration.ofSeconds(5));

        JsonNode queued = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs?wait=1", rawJob("while away\n")));
        assertThat(queued.get("state").asText()).isEqualTo("QUEUED");

        Bridge.connected(bridge.startAgent("oran-02", printer));
        JsonNode done =
                bridge.json(bridge.get("/api/v1/jobs/" + queued.get("id").asText() + "?wait=10"));
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(printer.printed())).isEqualTo("while away\n");
    }

    @Test
    void drawerJobThatOutlivesItsTimeToLiveIsExpiredAndNeverOpensTheDrawer() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("oran-02", printer)).close();
        bridge.await("/api/v1/stores", s -> !s.at("/stores/0/online").asBoolean(), Duration.ofSeconds(5));

        JsonNode drawer =
                bridge.json(bridge.post("/api/v1/stores/oran-02/jobs", "{\"type\":\"drawer\",\"ttlSeconds\":1}"));
        JsonNode expired =
                bridge.json(bridge.get("/api/v1/jobs/" + drawer.get("id").asText() + "?wait=10"));
        assertThat(expired.get("state").asText()).isEqualTo("EXPIRED");
        assertThat(expired.at("/error/code").asText()).isEqualTo("EXPIRED");

        Bridge.connected(bridge.startAgent("oran-02", printer));
        JsonNode status = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(status.get("state").asText()).isEqualTo("DONE");
        assertThat(printer.drawerKicks()).isEmpty();
    }

    @Test
    void secondConnectionForTheSameStoreReplacesTheFirstWhichWaitsBeforeDiallingAgain() throws Exception {
        VirtualPrinter first = new VirtualPrinter();
        VirtualPrinter second = new VirtualPrinter();
        Agent older = Bridge.connected(bridge.startAgent("oran-02", first));

        Agent newer = Bridge.connected(bridge.startAgent("oran-02", second));

        // Told SUPERSEDED, it waits (a minute by default) instead of stopping for good, and does
        // not take the store back meanwhile.
        awaitState(older, state -> state == AgentLink.State.WAITING);
        assertThat(newer.link().state()).isEqualTo(AgentLink.State.CONNECTED);
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/oran-02/jobs?wait=10", rawJob("to the newer\n")));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(second.printed())).isEqualTo("to the newer\n");
        assertThat(first.printed()).isEmpty();
    }

    @Test
    void storeListShowsAPrinterStatusChangeWithinOnePollingInterval() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("oran-02", printer));

        printer.coverOpen(true);

        JsonNode stores = bridge.await(
                "/api/v1/stores",
                s -> s.at("/stores/0/printers/0/status/coverOpen").asBoolean(),
                Duration.ofSeconds(3));
        assertThat(stores.at("/stores/0/printers/0/status/state").asText()).isEqualTo("NOT_READY");
    }

    static String rawJob(String text) {
        return "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(text.getBytes()) + "\"}";
    }

    static void awaitState(Agent agent, java.util.function.Predicate<AgentLink.State> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.test(agent.link().state())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("agent link stayed " + agent.link().state());
            }
            Thread.sleep(20);
        }
    }
}
