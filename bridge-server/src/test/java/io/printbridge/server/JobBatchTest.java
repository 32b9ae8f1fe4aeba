package io.printbridge.server;

import static io.printbridge.server.ConnectionLifecycleTest.rawJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/stores/{id}/jobs/batch}: several jobs stored all or none, delivered in
 * order; a bad element refuses the batch naming it; a retry under the same key prints nothing new.
 */
class JobBatchTest {

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01", "oran-02", "setif-04", "tizi-05"),
                Map.of("bridge.jobs.max-queued-per-store", 5));
        Bridge.connected(bridge.startAgent("alger-01", printer));
        // The others are known (their agent connected once) and offline: their jobs stay QUEUED.
        for (String store : List.of("oran-02", "setif-04", "tizi-05")) {
            Bridge.connected(bridge.startAgent(store, new VirtualPrinter())).close();
        }
        bridge.await(
                "/api/v1/stores",
                s -> s.at("/stores").findValues("online").stream()
                                .filter(JsonNode::asBoolean)
                                .count()
                        == 1,
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aBatchIsStoredAndPrintedInOrder() throws Exception {
        printer.clear();
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs/batch", batch(rawJob("one\n"), rawJob("two\n"), rawJob("three\n")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode jobs = bridge.json(response).get("jobs");
        assertThat(jobs).hasSize(3);
        assertThat(printer.awaitPrinted("one\ntwo\nthree\n".length(), Duration.ofSeconds(10)))
                .isTrue();
        assertThat(new String(printer.printed())).isEqualTo("one\ntwo\nthree\n");
        for (JsonNode job : jobs) {
            bridge.await(
                    "/api/v1/jobs/" + job.get("id").asText(),
                    j -> j.get("state").asText().equals("DONE"),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void aBadElementRefusesTheWholeBatchNamingIt() throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/oran-02/jobs/batch",
                batch(rawJob("fine\n"), "{\"type\":\"raw\",\"data\":\"not base64!\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText()).startsWith("jobs[1].data: not valid base64");
        assertThat(roomLeft("oran-02")).as("nothing was stored").isEqualTo(5);
    }

    @Test
    void aBatchTheQueueCannotTakeWhollyIsRefusedWhole() throws Exception {
        String store = "tizi-05";
        assertThat(bridge.post("/api/v1/stores/" + store + "/jobs", rawJob("first\n"))
                        .statusCode())
                .isEqualTo(201);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(rawJob("ticket " + i + "\n"));
        }

        HttpResponse<String> response =
                bridge.post("/api/v1/stores/" + store + "/jobs/batch", batch(jobs.toArray(String[]::new)));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(bridge.json(response).at("/error/message").asText())
                .isEqualTo("store tizi-05 already has 1 jobs waiting (limit 5; 5 more asked for); retry later");
        assertThat(roomLeft(store)).as("nothing was stored").isEqualTo(4);
    }

    @Test
    void aRetryUnderTheSameKeyAnswersTheSameJobsAndAnotherBodyIsAConflict() throws Exception {
        String body = batch("{\"type\":\"status\"}", "{\"type\":\"status\"}");
        HttpResponse<String> first = postWithKey("batch-key-1", body);
        HttpResponse<String> retry = postWithKey("batch-key-1", body);
        HttpResponse<String> other = postWithKey("batch-key-1", batch("{\"type\":\"status\"}"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(bridge.json(retry).get("jobs").findValuesAsText("id"))
                .isEqualTo(bridge.json(first).get("jobs").findValuesAsText("id"));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(bridge.json(other).at("/error/code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void anEmptyOrMisshapenBatchIsRefusedWithWhatWasExpected() throws Exception {
        HttpResponse<String> empty = bridge.post("/api/v1/stores/alger-01/jobs/batch", "{\"jobs\":[]}");
        HttpResponse<String> notABatch = bridge.post("/api/v1/stores/alger-01/jobs/batch", rawJob("x"));
        HttpResponse<String> notAJob = bridge.post("/api/v1/stores/alger-01/jobs/batch", "{\"jobs\":[\"x\"]}");

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(bridge.json(empty).at("/error/message").asText())
                .isEqualTo("jobs: 0 jobs (expected: an array of 1 to 100 jobs)");
        assertThat(notABatch.statusCode()).isEqualTo(400);
        assertThat(bridge.json(notABatch).at("/error/message").asText()).contains("expected: {\"jobs\":[...]}");
        assertThat(notAJob.statusCode()).isEqualTo(400);
        assertThat(bridge.json(notAJob).at("/error/message").asText())
                .startsWith("jobs[0]: string (expected: a JSON object");
    }

    private static HttpResponse<String> postWithKey(String key, String body) throws Exception {
        return bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/setif-04/jobs/batch"))
                .header("Authorization", "Bearer " + Bridge.TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String batch(String... jobs) {
        return "{\"jobs\":[" + String.join(",", jobs) + "]}";
    }

    /** How many more jobs the store's queue takes, found by filling it (which leaves it full). */
    private static int roomLeft(String store) throws Exception {
        for (int taken = 0; taken <= 5; taken++) {
            int status = bridge.post("/api/v1/stores/" + store + "/jobs", rawJob("filler\n"))
                    .statusCode();
            if (status == 429) {
                return taken;
            }
            assertThat(status).isEqualTo(201);
        }
        throw new AssertionError("store " + store + " took more than its limit of 5");
    }
}
