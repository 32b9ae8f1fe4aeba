package io.printbridge.server;

import static io.printbridge.server.ConnectionLifecycleTest.rawJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ExampleInvoices;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests to the job API, end to end: a real server, a real agent and a virtual printer.
 * Every refusal is a 400 with the documented error JSON, and nothing is stored (the job table
 * does not grow) or printed (after each test a marker job prints, alone). Also: a retry with the
 * same JSON written another way is the same request, and {@code ?wait} works on a batch.
 */
class HostileRequestsTest {

    private static final String STORE = "alger-01";
    private static final String SINGLE = "/api/v1/stores/" + STORE + "/jobs";
    private static final String BATCH = "/api/v1/stores/" + STORE + "/jobs/batch";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of(STORE));
        Bridge.connected(bridge.startAgent(STORE, printer));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void clearPrinter() {
        printer.clear();
    }

    /** Whatever a test sent, the printer got nothing else: a marker job printed afterwards prints alone. */
    @AfterEach
    void onlyTheMarkerPrints() throws Exception {
        JsonNode marker = bridge.json(bridge.post(SINGLE + "?wait=20", rawJob("marker\n")));
        assertThat(marker.get("state").asText()).isEqualTo("DONE");
        assertThat(printedSoFar()).isEqualTo(printedByTheTest + "marker\n");
        printedByTheTest = "";
    }

    /** What a test printed on purpose (a test that must print nothing leaves it empty). */
    private String printedByTheTest = "";

    // ------------------------------------------------------------------ not one JSON value in UTF-8

    static Stream<Arguments> notOneJsonValueInUtf8() throws Exception {
        String raw = rawJob("hi\n");
        String batchOfRaw = "{\"jobs\":[" + raw + "]}";
        // "////" in base64 is FF FF FF; written with the overlong form C0 AF of "/", a lenient
        // decoder reads a valid job that prints three bytes nobody sent.
        byte[] overlongSlashes = {
            (byte) 0xC0, (byte) 0xAF, (byte) 0xC0, (byte) 0xAF, (byte) 0xC0, (byte) 0xAF, (byte) 0xC0, (byte) 0xAF
        };
        return Stream.of(
                Arguments.of(
                        "trailing word, single",
                        SINGLE,
                        bytes(raw, " xyz"),
                        "more content after the JSON value at byte offset " + (raw.length() + 1)),
                Arguments.of(
                        "trailing word, batch",
                        BATCH,
                        bytes(batchOfRaw, " xyz"),
                        "more content after the JSON value at byte offset " + (batchOfRaw.length() + 1)),
                Arguments.of(
                        "two objects, single",
                        SINGLE,
                        bytes(raw, rawJob("second\n")),
                        "more content after the JSON value at byte offset " + raw.length()),
                Arguments.of(
                        "two objects, batch",
                        BATCH,
                        bytes(batchOfRaw, batchOfRaw),
                        "more content after the JSON value at byte offset " + batchOfRaw.length()),
                Arguments.of(
                        "overlong '/', single",
                        SINGLE,
                        bytes("{\"type\":\"raw\",\"data\":\"", overlongSlashes, "\"}"),
                        "byte C0 at byte offset 22 is not valid UTF-8"),
                Arguments.of(
                        "overlong '/', batch",
                        BATCH,
                        bytes("{\"jobs\":[{\"type\":\"raw\",\"data\":\"", overlongSlashes, "\"}]}"),
                        "byte C0 at byte offset 31 is not valid UTF-8"),
                Arguments.of(
                        "lone continuation byte",
                        SINGLE,
                        bytes("{\"type\":\"status\",\"printer\":\"r", new byte[] {(byte) 0x80}, "\"}"),
                        "byte 80 at byte offset 29 is not valid UTF-8"),
                Arguments.of(
                        "surrogate encoded in UTF-8",
                        BATCH,
                        bytes(
                                "{\"jobs\":[{\"type\":\"status\",\"printer\":\"",
                                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                                "\"}]}"),
                        "bytes ED A0 80 at byte offset 37 are not valid UTF-8"),
                Arguments.of(
                        "truncated sequence",
                        SINGLE,
                        bytes("{\"type\":\"status\",\"printer\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, "\"}"),
                        "bytes E2 82 at byte offset 28 are not valid UTF-8"),
                Arguments.of(
                        "truncated sequence at the very end",
                        SINGLE,
                        bytes("{\"type\":\"status\"}", new byte[] {(byte) 0xF0, (byte) 0x9F}),
                        "bytes F0 9F at byte offset 17 are not valid UTF-8"),
                Arguments.of(
                        "duplicate key, single",
                        SINGLE,
                        bytes("{\"type\":\"raw\",\"data\":\"aGkK\",\"data\":\"Ynll\"}"),
                        "key \"data\" twice in the same object at /data"),
                Arguments.of(
                        "duplicate key in a batch element",
                        BATCH,
                        bytes("{\"jobs\":[{\"type\":\"status\"},{\"type\":\"drawer\",\"type\":\"status\"}]}"),
                        "key \"type\" twice in the same object at /jobs/1/type"),
                Arguments.of(
                        "duplicate key at the top of a batch",
                        BATCH,
                        bytes("{\"jobs\":[{\"type\":\"status\"}],\"jobs\":[" + raw + "]}"),
                        "key \"jobs\" twice in the same object at /jobs"),
                Arguments.of(
                        "duplicate key deep inside an invoice",
                        SINGLE,
                        bytes(invoiceJob(lineWith(2, "\"amount\":\"360.00\",\"amount\":\"0.01\""))),
                        "key \"amount\" twice in the same object at /invoice/lines/2/amount"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneJsonValueInUtf8")
    void aBodyThatIsNotExactlyOneJsonValueInUtf8IsRefusedSayingWhere(
            String what, String path, byte[] body, String message) throws Exception {
        long storedBefore = storedJobs();

        HttpResponse<String> response = postBytes(path, body, null);

        assertRefused(response, "MALFORMED_JSON", message);
        assertThat(storedJobs()).as("jobs stored").isEqualTo(storedBefore);
    }

    // ------------------------------------------------------------------ unknown fields in the invoice

    @Test
    void aMisspeltFieldInAnInvoiceLineIsRefusedWithItsPath() throws Exception {
        long storedBefore = storedJobs();

        HttpResponse<String> response = bridge.post(SINGLE, invoiceJob(lineWith(2, "\"quantiy\":\"6\"")));

        assertRefused(
                response,
                "INVALID_INVOICE",
                "invoice.lines[2].quantiy: unknown field "
                        + "(expected: one of description, quantity, unitPrice, taxRate, amount)");
        assertThat(bridge.json(response).at("/error/details/0/path").asText()).isEqualTo("invoice.lines[2].quantiy");
        assertThat(storedJobs()).isEqualTo(storedBefore);
    }

    @Test
    void anUnknownFieldAnywhereInABatchInvoiceIsRefusedNamingTheElement() throws Exception {
        ObjectNode invoice = (ObjectNode) JSON.readTree(ExampleInvoices.read("fr-cash-58mm.json"));
        ((ObjectNode) invoice.get("seller")).put("fax", "+213 21 63 00 01");
        invoice.put("discount", "100.00");
        invoice.put("odd key", 1);
        long storedBefore = storedJobs();

        HttpResponse<String> response = bridge.post(
                BATCH, "{\"jobs\":[{\"type\":\"status\"}," + "{\"type\":\"invoice\",\"invoice\":" + invoice + "}]}");

        assertRefused(response, "INVALID_INVOICE", "jobs[1].invoice.seller.fax: unknown field");
        assertThat(bridge.json(response).at("/error/details").findValuesAsText("path"))
                .containsExactlyInAnyOrder(
                        "jobs[1].invoice.discount", "jobs[1].invoice[\"odd key\"]", "jobs[1].invoice.seller.fax");
        assertThat(storedJobs()).isEqualTo(storedBefore);
    }

    // ------------------------------------------------------------------ idempotency: the same JSON written another way

    @Test
    void aRetryWithKeysInAnotherOrderAndOtherWhitespaceIsTheSameJob() throws Exception {
        HttpResponse<String> first = postBytes(
                SINGLE,
                bytes("{\"type\":\"drawer\",\"pin\":2,\"pulseMs\":100,\"printer\":\"receipt\"}"),
                "reordered-single");
        HttpResponse<String> retry = postBytes(
                SINGLE,
                bytes("{\n  \"printer\" : \"receipt\",\n  \"pulseMs\" : 100,\t\"pin\":2 , \"type\":\"drawer\"\n}\n"),
                "reordered-single");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(bridge.json(retry).get("id")).isEqualTo(bridge.json(first).get("id"));
        assertThat(bridge.await(
                        "/api/v1/jobs/" + bridge.json(first).get("id").asText(),
                        j -> j.get("state").asText().equals("DONE"),
                        Duration.ofSeconds(10)))
                .isNotNull();
        assertThat(printer.drawerKicks())
                .as("one drawer pulse for the two requests")
                .hasSize(1);
        printedByTheTest = printedSoFar();
    }

    @Test
    void aBatchRetryWithKeysReorderedAtEveryDepthIsTheSameJobsButAnotherJobOrderIsAConflict() throws Exception {
        String invoice = ExampleInvoices.read("fr-cash-58mm.json");
        JsonNode document = JSON.readTree(invoice);
        String body = "{\"jobs\":[{\"type\":\"invoice\",\"invoice\":" + document + "},{\"type\":\"status\"}]}";
        String reordered =
                "{ \"jobs\" : [ { \"invoice\" : " + reversedKeys(document).toPrettyString()
                        + ", \"type\" : \"invoice\" } , { \"type\" : \"status\" } ] }";
        String otherOrder = "{\"jobs\":[{\"type\":\"status\"},{\"type\":\"invoice\",\"invoice\":" + document + "}]}";

        HttpResponse<String> first = postBytes(BATCH + "?wait=20", bytes(body), "reordered-batch");
        HttpResponse<String> retry = postBytes(BATCH, bytes(reordered), "reordered-batch");
        HttpResponse<String> conflict = postBytes(BATCH, bytes(otherOrder), "reordered-batch");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(bridge.json(retry).get("jobs").findValuesAsText("id"))
                .isEqualTo(bridge.json(first).get("jobs").findValuesAsText("id"));
        assertRefused(conflict, 409, "IDEMPOTENCY_CONFLICT", "");
        printedByTheTest = printedSoFar();
        assertThat(printedByTheTest).as("the invoice printed once").contains("FA-2026-004512");
        assertThat(printedByTheTest.indexOf("FA-2026-004512"))
                .isEqualTo(printedByTheTest.lastIndexOf("FA-2026-004512"));
    }

    // ------------------------------------------------------------------ ?wait on a batch

    @Test
    void aBatchWithWaitAnswersOnceEveryJobIsFinal() throws Exception {
        HttpResponse<String> response = bridge.post(
                BATCH + "?wait=20",
                "{\"jobs\":[" + rawJob("one\n") + "," + rawJob("two\n") + ",{\"type\":\"status\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(bridge.json(response).get("jobs"))
                .extracting(job -> job.get("state").asText())
                .containsExactly("DONE", "DONE", "DONE");
        printedByTheTest = "one\ntwo\n";
    }

    @Test
    void aBatchWithABadWaitIsRefusedAndNothingIsStored() throws Exception {
        long storedBefore = storedJobs();

        HttpResponse<String> tooLong = bridge.post(BATCH + "?wait=61", "{\"jobs\":[" + rawJob("never\n") + "]}");
        HttpResponse<String> notANumber = bridge.post(BATCH + "?wait=soon", "{\"jobs\":[" + rawJob("never\n") + "]}");

        assertRefused(tooLong, "INVALID_REQUEST", "wait: \"61\" (expected: a whole number of seconds from 0 to 60)");
        assertRefused(notANumber, "INVALID_REQUEST", "wait: \"soon\"");
        assertThat(storedJobs()).isEqualTo(storedBefore);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRefused(HttpResponse<String> response, String code, String message) throws Exception {
        assertRefused(response, 400, code, message);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String message)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = bridge.json(response).get("error");
        assertThat(error.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(message);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    private static HttpResponse<String> postBytes(String path, byte[] body, @Nullable String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(bridge.uri(path))
                .header("Authorization", "Bearer " + Bridge.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return bridge.send(request);
    }

    private static String printedSoFar() {
        return new String(printer.printed(), StandardCharsets.ISO_8859_1);
    }

    /** Rows in the job table: a refused request adds none. */
    private static long storedJobs() throws Exception {
        DataSource pool = DelegatingDataSource.unwrapDataSource(bridge.server().getBean(DataSource.class));
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM jobs")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Strings (as UTF-8) and byte arrays, one after the other. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** {@code invoice} as the body of an invoice job. */
    private static String invoiceJob(String invoice) {
        return "{\"type\":\"invoice\",\"invoice\":" + invoice + "}";
    }

    /**
     * The French cash example, written compactly, with line {@code index} (Croissant au beurre,
     * 6 × 60.00) given {@code extra} after its own fields.
     */
    private static String lineWith(int index, String extra) throws Exception {
        JsonNode document = JSON.readTree(ExampleInvoices.read("fr-cash-58mm.json"));
        String line = document.get("lines").get(index).toString();
        return document.toString().replace(line, line.substring(0, line.length() - 1) + "," + extra + "}");
    }

    /** {@code node} with the keys of every object in reverse order, at every depth. */
    private static JsonNode reversedKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode reversed = JSON.createObjectNode();
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            names.forEach(name -> reversed.set(name, reversedKeys(node.get(name))));
            return reversed;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(reversedKeys(element)));
            return copy;
        }
        return node;
    }
}
