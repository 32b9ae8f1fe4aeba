package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TcpProxy;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing lost, nothing printed twice, no drawer opened late: the same tests on the embedded H2
 * file database and on PostgreSQL, with real server restarts.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class DurableJobsTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Bridge bridge;
    final VirtualPrinter printer = new VirtualPrinter();

    @BeforeEach
    void start() throws Exception {
        database.assumeAvailable();
        bridge = new Bridge(
                dir,
                List.of("setif-04"),
                Map.of(
                        "bridge.jobs.max-queued-per-store",
                        5,
                        "bridge.jobs.retention",
                        "1s",
                        "bridge.jobs.purge-interval",
                        "500ms"),
                database);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void jobsQueuedWhileTheAgentIsAwaySurviveAServerRestartAndPrintInOrder() throws Exception {
        goOffline();
        for (int i = 1; i <= 3; i++) {
            assertThat(state(bridge.post(
                            "/api/v1/stores/setif-04/jobs", ConnectionLifecycleTest.rawJob("ticket " + i + "\n"))))
                    .isEqualTo("QUEUED");
        }

        bridge.stopServer();
        bridge.startServer();
        Bridge.connected(bridge.startAgent("setif-04", printer));

        assertThat(printer.awaitPrinted("ticket 1\nticket 2\nticket 3\n".length(), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(new String(printer.printed())).isEqualTo("ticket 1\nticket 2\nticket 3\n");
    }

    @Test
    void finishedJobAndItsHistorySurviveAServerRestart() throws Exception {
        Bridge.connected(bridge.startAgent("setif-04", printer));
        String id = bridge.json(
                        bridge.post("/api/v1/stores/setif-04/jobs?wait=10", ConnectionLifecycleTest.rawJob("x\n")))
                .get("id")
                .asText();

        bridge.stopServer();
        bridge.startServer();

        JsonNode job = bridge.json(bridge.get("/api/v1/jobs/" + id));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("history").findValuesAsText("state")).containsExactly("QUEUED", "SENT", "DONE");
        assertThat(job.get("history").get(0).get("reason").asText()).isEqualTo("accepted from erp");
    }

    @Test
    void storeIsStillKnownAfterARestartSoItsJobsAreQueuedNotRefused() throws Exception {
        goOffline();

        bridge.stopServer();
        bridge.startServer();

        HttpResponse<String> response = bridge.post("/api/v1/stores/setif-04/jobs", "{\"type\":\"status\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode stores = bridge.json(bridge.get("/api/v1/stores"));
        assertThat(stores.at("/stores/0/storeId").asText()).isEqualTo("setif-04");
        assertThat(stores.at("/stores/0/online").asBoolean()).isFalse();
        assertThat(stores.at("/stores/0/printers/0/name").asText()).isEqualTo("receipt");
    }

    @Test
    void jobWhoseResultWasLostIsRedeliveredAndNotPrintedAgain() throws Exception {
        try (TcpProxy proxy = new TcpProxy(bridge.grpcPort())) {
            // A slow printer: the connection is cut while the receipt is printing, so the result
            // cannot reach the server on that stream.
            printer.delayPerWrite(Duration.ofMillis(600));
            Agent agent = Bridge.connected(bridge.startAgent("setif-04", printer, proxy.port()));
            String id = bridge.json(
                            bridge.post("/api/v1/stores/setif-04/jobs", ConnectionLifecycleTest.rawJob("once\n")))
                    .get("id")
                    .asText();
            bridge.await("/api/v1/jobs/" + id, j -> j.get("acknowledged").asBoolean(), Duration.ofSeconds(5));
            proxy.refuseNew(true);
            proxy.cutAll();
            // The link stays down until the receipt is out, so the redelivery finds it finished.
            assertThat(printer.awaitPrinted("once\n".length(), Duration.ofSeconds(10)))
                    .isTrue();
            Thread.sleep(200);
            proxy.refuseNew(false);

            JsonNode job = bridge.await(
                    "/api/v1/jobs/" + id, j -> j.get("state").asText().equals("DONE"), Duration.ofSeconds(15));

            assertThat(new String(printer.printed())).isEqualTo("once\n");
            assertThat(job.get("deliveries").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(job.get("history").findValuesAsText("reason"))
                    .contains("the connection to the agent was lost before it reported");
            Thread.sleep(300);
            assertThat(new String(printer.printed())).isEqualTo("once\n");
            agent.close();
        }
    }

    @Test
    void drawerJobOlderThanItsTimeToLiveIsNeverExecutedEvenAcrossARestart() throws Exception {
        goOffline();
        String id = bridge.json(bridge.post("/api/v1/stores/setif-04/jobs", "{\"type\":\"drawer\",\"ttlSeconds\":1}"))
                .get("id")
                .asText();

        bridge.stopServer();
        Thread.sleep(1500);
        bridge.startServer();
        Bridge.connected(bridge.startAgent("setif-04", printer));

        JsonNode job = bridge.await(
                "/api/v1/jobs/" + id, j -> j.get("state").asText().equals("EXPIRED"), Duration.ofSeconds(10));
        assertThat(job.at("/error/code").asText()).isEqualTo("EXPIRED");
        bridge.json(bridge.post("/api/v1/stores/setif-04/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(printer.drawerKicks()).isEmpty();
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSameJobAndPrintsOnce() throws Exception {
        Bridge.connected(bridge.startAgent("setif-04", printer));
        String body = ConnectionLifecycleTest.rawJob("paid once\n");

        HttpResponse<String> first = postWithKey("order-8812", body);
        HttpResponse<String> retry = postWithKey("order-8812", body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(bridge.json(retry).get("id").asText())
                .isEqualTo(bridge.json(first).get("id").asText());
        Thread.sleep(300);
        assertThat(new String(printer.printed())).isEqualTo("paid once\n");
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyIsAConflict() throws Exception {
        Bridge.connected(bridge.startAgent("setif-04", printer));
        postWithKey("order-9001", ConnectionLifecycleTest.rawJob("first\n"));

        HttpResponse<String> other = postWithKey("order-9001", ConnectionLifecycleTest.rawJob("second\n"));

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(bridge.json(other).at("/error/code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void fullQueueAnswers429WithRetryAfterAndStoresNothing() throws Exception {
        goOffline();
        for (int i = 0; i < 5; i++) {
            bridge.post("/api/v1/stores/setif-04/jobs", "{\"type\":\"status\",\"ttlSeconds\":600}");
        }

        HttpResponse<String> refused =
                bridge.post("/api/v1/stores/setif-04/jobs", "{\"type\":\"status\",\"ttlSeconds\":600}");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(bridge.json(refused).at("/error/code").asText()).isEqualTo("QUEUE_FULL");
    }

    @Test
    void finishedJobsAreDeletedAfterTheRetentionPeriod() throws Exception {
        Bridge.connected(bridge.startAgent("setif-04", printer));
        String id = bridge.json(
                        bridge.post("/api/v1/stores/setif-04/jobs?wait=10", "{\"type\":\"status\",\"ttlSeconds\":1}"))
                .get("id")
                .asText();
        String keptLonger = bridge.json(bridge.post(
                        "/api/v1/stores/setif-04/jobs?wait=10", "{\"type\":\"status\",\"ttlSeconds\":3600}"))
                .get("id")
                .asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (bridge.get("/api/v1/jobs/" + id).statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(bridge.get("/api/v1/jobs/" + id).statusCode()).isEqualTo(404);
        // retention counts from the end of the time to live: an hour's job is kept (for now)
        assertThat(bridge.get("/api/v1/jobs/" + keptLonger).statusCode()).isEqualTo(200);
    }

    private void goOffline() throws Exception {
        Bridge.connected(bridge.startAgent("setif-04", new VirtualPrinter())).close();
        bridge.await("/api/v1/stores", s -> !s.at("/stores/0/online").asBoolean(), Duration.ofSeconds(5));
    }

    private HttpResponse<String> postWithKey(String key, String body) throws Exception {
        return bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/setif-04/jobs"))
                .header("Authorization", "Bearer " + Bridge.TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String state(HttpResponse<String> response) throws Exception {
        return bridge.json(response).get("state").asText();
    }
}
