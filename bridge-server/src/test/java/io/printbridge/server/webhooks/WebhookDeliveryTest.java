package io.printbridge.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.TestDatabase;
import io.printbridge.server.webhooks.WebhookReceiver.Request;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Webhooks on final jobs, to a real receiving HTTP server, through a real agent: signed, retried
 * with backoff, given up and kept, and durable across a server restart; on H2 and PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WebhookDeliveryTest {

    static final String SECRET = "test-webhook-secret-0123456789";
    static final Duration WAIT = Duration.ofSeconds(15);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Bridge bridge;
    WebhookReceiver receiver;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        database.assumeAvailable();
        receiver = new WebhookReceiver(SECRET);
    }

    /** Starts the bridge with webhook "erp" (all stores, {@code maxAttempts}) and "setif-only" to the same receiver. */
    void startBridge(int maxAttempts) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bridge.webhooks.erp.url", receiver.url());
        properties.put("bridge.webhooks.erp.secret", SECRET);
        properties.put("bridge.webhooks.erp.max-attempts", maxAttempts);
        properties.put("bridge.webhooks.erp.first-retry", "100ms");
        properties.put("bridge.webhooks.erp.max-retry", "200ms");
        properties.put("bridge.webhooks.erp.timeout", "2s");
        properties.put("bridge.webhooks.setif-only.url", receiver.url());
        properties.put("bridge.webhooks.setif-only.secret", SECRET);
        properties.put("bridge.webhooks.setif-only.stores", "setif-04");
        bridge = new Bridge(dir, List.of("alger-01"), properties, database);
        Bridge.connected(bridge.startAgent("alger-01", new VirtualPrinter()));
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void finalJobIsPostedOnceSignedWithTheJobJson() throws Exception {
        startBridge(3);

        String id = printJob();

        Request request = receiver.awaitRequests(1, WAIT).get(0);
        awaitDelivery(id, row -> row.state() == WebhookDeliveryState.DELIVERED);
        assertThat(receiver.requests()).hasSize(1); // QUEUED and SENT are not final: nothing for them
        assertThat(request.event()).isEqualTo("job.final");
        assertThat(UUID.fromString(request.deliveryId()).toString()).isEqualTo(request.deliveryId());
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(Long.parseLong(request.timestamp()))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(request.signature()).startsWith("sha256=");
        assertThat(receiver.signatureValid(request)).isTrue();
        JsonNode job = json.readTree(request.body());
        assertThat(job.get("id").asText()).isEqualTo(id);
        assertThat(job.get("storeId").asText()).isEqualTo("alger-01");
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("finishedAt").asText()).isNotEmpty();
    }

    @Test
    void tamperedBodyOrTimestampFailsTheReceiversSignatureCheck() throws Exception {
        startBridge(3);
        printJob();
        Request request = receiver.awaitRequests(1, WAIT).get(0);
        assertThat(receiver.signatureValid(request)).isTrue();

        byte[] tampered = request.bodyText().replace("\"DONE\"", "\"FAILED\"").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(request.body());
        assertThat(receiver.signatureValid(request.timestamp(), tampered, request.signature()))
                .isFalse();
        String otherTime = Long.toString(Long.parseLong(request.timestamp()) - 600);
        assertThat(receiver.signatureValid(otherTime, request.body(), request.signature()))
                .isFalse();
    }

    @Test
    void receiverThatFailsTwiceGetsExactlyOneSuccessfulDeliveryAfterRetries() throws Exception {
        receiver.answerFirst(500, 503);
        startBridge(3);

        String id = printJob();

        WebhookDeliveryRow row = awaitDelivery(id, r -> r.state() == WebhookDeliveryState.DELIVERED);
        List<Request> requests = receiver.requests();
        assertThat(requests).extracting(Request::answered).containsExactly(500, 503, 200);
        assertThat(requests).extracting(Request::deliveryId).containsOnly(row.id());
        assertThat(requests).allMatch(receiver::signatureValid);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastStatus()).isEqualTo(200);
    }

    @Test
    void deliveryIsGivenUpAfterItsAttemptsAndKeptAsFailed() throws Exception {
        receiver.answerOtherwise(500);
        try (LogCapture log = new LogCapture(WebhookDispatcher.class.getName())) {
            startBridge(3);

            String id = printJob();

            WebhookDeliveryRow row = awaitDelivery(id, r -> r.state() == WebhookDeliveryState.FAILED);
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.lastStatus()).isEqualTo(500);
            assertThat(row.lastError()).isEqualTo("HTTP 500");
            assertThat(receiver.requests()).hasSize(3); // FAILED rows are never picked up again
            assertThat(log.messages())
                    .anySatisfy(m -> assertThat(m)
                            .contains("webhook erp: job " + id + " NOT delivered")
                            .contains("3 attempts failed")
                            .contains("HTTP 500"));
        }
    }

    @Test
    void deliveryPendingAcrossARestartIsSentAfterIt() throws Exception {
        receiver.answerOtherwise(503);
        startBridge(10);
        String id = printJob();
        String deliveryId = receiver.awaitRequests(1, WAIT).get(0).deliveryId();

        bridge.stopServer();
        receiver.answerOtherwise(200);
        int beforeRestart = receiver.requests().size();
        bridge.startServer();

        WebhookDeliveryRow row = awaitDelivery(id, r -> r.state() == WebhookDeliveryState.DELIVERED);
        List<Request> requests = receiver.requests();
        assertThat(requests.size()).isGreaterThan(beforeRestart);
        assertThat(requests).extracting(Request::deliveryId).containsOnly(deliveryId);
        assertThat(requests).filteredOn(r -> r.answered() == 200).hasSize(1);
        assertThat(row.id()).isEqualTo(deliveryId);
    }

    @Test
    void theDeliveryIsStoredWithTheFinalStateNotAfterIt() throws Exception {
        receiver.answerOtherwise(503); // keeps the row PENDING: nothing is delivered yet
        startBridge(10);

        String id = printJob(); // answered once DONE is committed

        // No waiting: the row was written in the transaction that stored DONE, stamped with its instant.
        Instant finishedAt = Instant.parse(
                bridge.json(bridge.get("/api/v1/jobs/" + id)).get("finishedAt").asText());
        assertThat(repository().findByJobId(id))
                .filteredOn(r -> r.webhook().equals("erp"))
                .singleElement()
                .satisfies(row -> assertThat(row.createdAt()).isEqualTo(finishedAt));
    }

    @Test
    void webhookLimitedToOtherStoresGetsNoDelivery() throws Exception {
        startBridge(3);

        String id = printJob();

        awaitDelivery(id, r -> r.state() == WebhookDeliveryState.DELIVERED);
        // The outbox records all of a job's deliveries at once: none for setif-only means none will come.
        assertThat(repository().findByJobId(id))
                .extracting(WebhookDeliveryRow::webhook)
                .containsExactly("erp");
    }

    // ------------------------------------------------------------------ helpers

    String printJob() throws Exception {
        String data = Base64.getEncoder().encodeToString("webhook\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"raw\",\"data\":\"" + data + "\"}");
        JsonNode job = bridge.json(response);
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        return job.get("id").asText();
    }

    WebhookDeliveryRepository repository() {
        return bridge.server().getBean(WebhookDeliveryRepository.class);
    }

    /** The job's delivery to webhook "erp" once {@code condition} holds, polling the database. */
    WebhookDeliveryRow awaitDelivery(String jobId, Predicate<WebhookDeliveryRow> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<WebhookDeliveryRow> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = repository().findByJobId(jobId).stream()
                    .filter(r -> r.webhook().equals("erp"))
                    .toList();
            if (rows.size() == 1 && condition.test(rows.get(0))) {
                return rows.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("delivery of job " + jobId + " not as expected within " + WAIT + "; rows: "
                + Arrays.toString(rows.toArray()) + "; requests: "
                + receiver.requests().size());
    }
}
