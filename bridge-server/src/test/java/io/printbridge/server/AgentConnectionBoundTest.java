package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.dashboard.DashboardClient;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.grpc.AgentConnectionBudget;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet larger than the server holds: at its bound on connections (here 2; in production the
 * open-file limit less a reserve) the agents' port accepts no more, the shop past it waits in the
 * kernel's queue, the shops already connected and the ERP's API carry on, the dashboard says so, and
 * the waiting shop is served on the same dial as soon as a connection closes.
 */
class AgentConnectionBoundTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final String PASSWORD = "port-full-dashboard";

    static Bridge bridge;
    static AgentConnectionBudget budget;
    static DashboardClient dashboard;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir, List.of("bound-01", "bound-02", "bound-03"), Map.of("bridge.grpc.max-agent-connections", 2));
        budget = bridge.server().getBean(AgentConnectionBudget.class);
        bridge.server().getBean(DashboardUsers.class).create("test", "karim", PASSWORD, Role.VIEWER, "fr", "UTC");
        dashboard = new DashboardClient(bridge.httpPort());
        dashboard.login("karim", PASSWORD);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theShopPastTheBoundWaitsUntilAConnectionClosesWhileTheOthersAndTheApiCarryOn() throws Exception {
        assertThat(budget.maxConnections()).isEqualTo(2);
        Agent first = Bridge.connected(bridge.startAgent("bound-01", new VirtualPrinter()));
        Agent second = Bridge.connected(bridge.startAgent("bound-02", new VirtualPrinter()));
        HandshakeDeadlinesTest.await(budget::full, "the port full at two connections");
        assertThat(budget.connections()).isEqualTo(2);
        // The people watching the fleet see it, above the stores' alerts.
        assertThat(dashboard.get("/dashboard").body())
                .contains("<p id=\"port-full\" class=\"alert\" data-bound=\"2\">")
                .contains("autant de connexions de magasins que sa limite de fichiers ouverts le permet (2)");

        try (Agent third = bridge.startAgent("bound-03", new VirtualPrinter())) {
            // Its dial reaches the kernel's queue, never the server: no third connection is counted.
            assertThat(third.link().awaitConnected(Duration.ofSeconds(3)))
                    .as("the third shop connected past the bound")
                    .isFalse();
            assertThat(budget.connections()).isEqualTo(2);

            // The API answers meanwhile, and a job for a connected shop prints.
            HttpResponse<String> stores = bridge.get("/api/v1/stores?online=true");
            assertThat(stores.statusCode()).isEqualTo(200);
            assertThat(bridge.json(stores).path("stores").findValuesAsText("storeId"))
                    .containsExactlyInAnyOrder("bound-01", "bound-02");
            HttpResponse<String> job = bridge.post(
                    "/api/v1/stores/bound-02/jobs?wait=30", ConnectionLifecycleTest.rawJob("past the bound\n"));
            assertThat(job.statusCode()).as(job.body()).isEqualTo(201);
            assertThat(bridge.json(job).path("state").asText()).isEqualTo("DONE");

            // One shop leaves: the port accepts again, and the waiting dial is served.
            first.close();
            assertThat(third.link().awaitConnected(WAIT))
                    .as("the third shop connected within " + WAIT + " of a place freeing")
                    .isTrue();
            assertThat(budget.fullTimes()).isGreaterThanOrEqualTo(1);
            // Back at two (the second and the third): full again, until one more leaves.
            assertThat(budget.full()).isTrue();
            second.close();
            HandshakeDeadlinesTest.await(() -> !budget.full(), "the port accepting again");
            assertThat(dashboard.get("/dashboard").body()).doesNotContain("id=\"port-full\"");
        } finally {
            second.close();
        }
    }
}
