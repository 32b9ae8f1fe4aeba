package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.db.ApiTokenRepository;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call the API, and what a bad call gets back: a clear JSON error, and nothing stored. */
class ApiAccessTest {

    static final String SETIF_ONLY_TOKEN = "setif-only-token";
    static final String NO_STORE_TOKEN = "no-store-token";
    static final String ADMIN_ONLY_TOKEN = "admin-only-token";
    static final String COMMA_TOKEN = "comma-token";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01"),
                Map.of(
                        "bridge.api.tokens.setif.sha256", ApiTokens.sha256(SETIF_ONLY_TOKEN),
                        "bridge.api.tokens.setif.stores", "setif-04",
                        // `stores: []` in a configuration file: reaches no store (it used to mean every store).
                        "bridge.api.tokens.nowhere.sha256", ApiTokens.sha256(NO_STORE_TOKEN),
                        "bridge.api.tokens.nowhere.stores", List.of(),
                        "bridge.api.tokens.it.sha256", ApiTokens.sha256(ADMIN_ONLY_TOKEN),
                        "bridge.api.tokens.it.stores", "*",
                        "bridge.api.tokens.it.scopes", "admin"));
        Bridge.connected(bridge.startAgent("alger-01", printer));
        // What `tokens create --stores ","` stored before such a list was refused.
        bridge.server()
                .getBean(ApiTokenRepository.class)
                .insert("comma", ApiTokens.sha256(COMMA_TOKEN), ",", "print", Instant.now());
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void callWithoutATokenIs401WithAJsonError() throws Exception {
        HttpResponse<String> response =
                bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(bridge.json(response).at("/error/message").asText()).contains("Authorization: Bearer");
    }

    @Test
    void callWithAWrongTokenIs401AndPrintsNothing() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/alger-01/jobs"))
                .header("Authorization", "Bearer not-the-token")
                .POST(HttpRequest.BodyPublishers.ofString(ConnectionLifecycleTest.rawJob("nope"))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bridge.json(response).at("/error/message").asText()).contains("unknown API token");
        Thread.sleep(200);
        assertThat(printer.printed()).isEmpty();
    }

    @Test
    void tokenScopedToAnotherStoreIs403() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/alger-01/jobs"))
                .header("Authorization", "Bearer " + SETIF_ONLY_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"status\"}")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void tokenScopedToAnotherStoreDoesNotSeeThisStore() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                .header("Authorization", "Bearer " + SETIF_ONLY_TOKEN)
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bridge.json(response).get("stores")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NO_STORE_TOKEN, COMMA_TOKEN})
    void tokenWhoseStoreListIsEmptySeesNoStore(String token) throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                .header("Authorization", "Bearer " + token)
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bridge.json(response).get("stores")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {NO_STORE_TOKEN, COMMA_TOKEN})
    void tokenWhoseStoreListIsEmptyMayNotPrintIs403(String token) throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/alger-01/jobs"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"status\"}")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(bridge.json(response).at("/error/message").asText()).contains("may not use store alger-01");
    }

    @Test
    void tokenWithoutThePrintScopeIs403OnTheJobApiEvenForEveryStore() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                .header("Authorization", "Bearer " + ADMIN_ONLY_TOKEN)
                .GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(bridge.json(response).at("/error/message").asText())
                .isEqualTo(
                        "API token \"it\" may not call /api/v1/stores (expected: a token with the print scope; this one has admin)");
    }

    @Test
    void tokenWithoutTheAdminScopeIs403OnTheAdminApi() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/admin/tokens");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(bridge.json(response).at("/error/message").asText())
                .contains("expected: a token with the admin scope");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json                          | 400 | MALFORMED_JSON  | not valid JSON",
                "[1,2]                              | 400 | INVALID_REQUEST | expected: a JSON object",
                "{}                                 | 400 | INVALID_REQUEST | type: missing",
                "{\"type\":\"fax\"}                 | 400 | INVALID_REQUEST | type: \"fax\" (expected: invoice, raw, drawer, status, clock-info, clock-time, employee-push, employee-remove or attendance-clear)",
                "{\"type\":\"raw\"}                 | 400 | INVALID_REQUEST | data: missing",
                "{\"type\":\"raw\",\"data\":\"@@\"} | 400 | INVALID_REQUEST | data: not valid base64",
                "{\"type\":\"raw\",\"data\":\"\"}   | 400 | INVALID_REQUEST | data: empty",
                "{\"type\":\"drawer\",\"pin\":3}    | 400 | INVALID_REQUEST | pin: 3 (expected: 2 or 5)",
                "{\"type\":\"drawer\",\"pulseMs\":900} | 400 | INVALID_REQUEST | pulseMs: 900",
                "{\"type\":\"status\",\"printr\":\"x\"} | 400 | INVALID_REQUEST | unknown field \"printr\"",
                "{\"type\":\"status\",\"ttlSeconds\":0} | 400 | INVALID_REQUEST | ttlSeconds: 0",
            })
    void badJobBodyIsRefusedWithAClearErrorAndNothingIsStored(String body, int status, String code, String message)
            throws Exception {
        HttpResponse<String> response = bridge.post("/api/v1/stores/alger-01/jobs", body);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = bridge.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(message);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void unknownStoreIs404() throws Exception {
        HttpResponse<String> response = bridge.post("/api/v1/stores/nowhere-99/jobs", "{\"type\":\"status\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("UNKNOWN_STORE");
        assertThat(bridge.json(response).at("/error/message").asText()).contains("nowhere-99");
    }

    @Test
    void malformedStoreIdIs400() throws Exception {
        HttpResponse<String> response = bridge.post("/api/v1/stores/Alger_01/jobs", "{\"type\":\"status\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText()).contains("storeId: \"Alger_01\"");
    }

    @Test
    void unknownJobIs404() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/jobs/does-not-exist");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("UNKNOWN_JOB");
    }

    @Test
    void badWaitValueIs400() throws Exception {
        HttpResponse<String> response =
                bridge.post("/api/v1/stores/alger-01/jobs?wait=forever", "{\"type\":\"status\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText()).contains("wait: \"forever\"");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs",
                "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(big) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void unknownRouteIsAJson404() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    }
}
