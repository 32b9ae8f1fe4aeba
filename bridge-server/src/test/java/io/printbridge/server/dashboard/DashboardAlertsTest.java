package io.printbridge.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet page's alerts, with thresholds short enough to cross during a test. */
class DashboardAlertsTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("setif-01", "batna-01"), Map.of("bridge.dashboard.offline-alert", "1s"));
        bridge.server().getBean(DashboardUsers.class).create("test", "victor", PASSWORD, Role.VIEWER, "en", "UTC");
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aStoreOfflineLongerThanTheThresholdIsAnAlertCountedInTheTitle() throws Exception {
        Agent agent = Bridge.connected(bridge.startAgent("setif-01", new VirtualPrinter()));
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);
        assertThat(client.get("/dashboard").body()).doesNotContain("data-alert=\"OFFLINE\"");

        agent.close();

        String page = awaitPage(client, body -> body.contains("data-alert=\"OFFLINE\""));
        assertThat(page).contains("setif-01: offline since").containsPattern("<title>\\(\\d+\\) Store fleet</title>");
    }

    @Test
    void aStoreWhoseJobsMostlyFailIsAnAlert() throws Exception {
        VirtualPrinter printer = new VirtualPrinter().paperOut(true);
        Bridge.connected(bridge.startAgent("batna-01", printer));
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);

        for (int i = 0; i < 5; i++) {
            bridge.post("/api/v1/stores/batna-01/jobs?wait=20", "{\"type\":\"raw\",\"data\":\"SGVsbG8K\"}");
        }

        String page = awaitPage(client, body -> body.contains("data-alert=\"FAILURES\""));
        assertThat(page).contains("batna-01: 100 % of jobs failed in 24 h").contains("data-alert=\"PAPER_OUT\"");
    }

    private static String awaitPage(DashboardClient client, java.util.function.Predicate<String> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = client.get("/dashboard").body();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fleet page never met the condition; last:\n" + body);
    }
}
