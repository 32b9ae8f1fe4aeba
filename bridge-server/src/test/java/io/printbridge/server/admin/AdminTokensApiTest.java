package io.printbridge.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
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
 * {@code /api/v1/admin/tokens} on a live server, on H2 and on PostgreSQL (the scopes column of
 * migration V3 on both): what an admin token can do, what it is refused, and what it leaves in
 * the audit log.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class AdminTokensApiTest {

    static final String ADMIN_TOKEN = "pb_admin-token-for-tests";
    static final String TOKENS = "/api/v1/admin/tokens";

    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        database.assumeAvailable();
        bridge = new Bridge(
                dir,
                List.of("alger-01", "setif-04"),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN_TOKEN),
                        "bridge.api.tokens.it.scopes",
                        "admin"),
                database);
        Bridge.connected(bridge.startAgent("alger-01", new VirtualPrinter()));
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void createdTokenIsAnsweredOnceAndPrintsForItsStoresOnly() throws Exception {
        HttpResponse<String> created = admin("POST", TOKENS, "{\"name\":\"pos-1\",\"stores\":[\"alger-01\"]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = bridge.json(created);
        String token = body.get("token").asText();
        assertThat(token).matches("pb_[0-9a-f]{64}");
        assertThat(body.get("stores")).extracting(JsonNode::asText).containsExactly("alger-01");
        assertThat(body.get("scopes")).extracting(JsonNode::asText).containsExactly("print");
        assertThat(as(token, "GET", "/api/v1/stores", null).body()).contains("\"storeId\":\"alger-01\"");
        assertThat(as(token, "POST", "/api/v1/stores/setif-04/jobs", "{\"type\":\"status\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(as(token, "GET", TOKENS, null).statusCode())
                .as("a print token is no admin")
                .isEqualTo(403);
    }

    @Test
    void listShowsNamesStoresAndScopesButNeverAHashOrAToken() throws Exception {
        String token = bridge.json(
                        admin("POST", TOKENS, "{\"name\":\"pos-1\",\"stores\":[\"*\"],\"scopes\":[\"print\"]}"))
                .get("token")
                .asText();
        admin("POST", TOKENS, "{\"name\":\"it-2\",\"scopes\":[\"admin\"]}");

        HttpResponse<String> list = admin("GET", TOKENS, null);

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode tokens = bridge.json(list).get("tokens");
        assertThat(tokens).extracting(t -> t.get("name").asText()).containsExactly("it-2", "pos-1");
        assertThat(tokens.get(1).get("stores")).extracting(JsonNode::asText).containsExactly("*");
        assertThat(tokens.get(0).get("scopes")).extracting(JsonNode::asText).containsExactly("admin");
        assertThat(tokens.get(0).get("stores")).isEmpty();
        assertThat(list.body())
                .doesNotContain(token)
                .doesNotContain(ApiTokens.sha256(token))
                .doesNotContain("sha256");
    }

    @Test
    void revokedTokenIsRefusedAtOnceByThisServer() throws Exception {
        String token = bridge.json(admin("POST", TOKENS, "{\"name\":\"pos-1\",\"stores\":[\"alger-01\"]}"))
                .get("token")
                .asText();
        assertThat(as(token, "GET", "/api/v1/stores", null).statusCode())
                .as("used once, so cached")
                .isEqualTo(200);

        HttpResponse<String> revoked = admin("DELETE", TOKENS + "/pos-1", null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(as(token, "GET", "/api/v1/stores", null).statusCode()).isEqualTo(401);
        assertThat(bridge.json(admin("GET", TOKENS, null))
                        .at("/tokens/0/revokedAt")
                        .asText())
                .isNotEmpty();
    }

    @Test
    void anAdminTokenCanCreateAnotherAdminToken() throws Exception {
        String second = bridge.json(admin("POST", TOKENS, "{\"name\":\"it-2\",\"scopes\":[\"admin\"]}"))
                .get("token")
                .asText();

        assertThat(as(second, "GET", TOKENS, null).statusCode()).isEqualTo(200);
        assertThat(as(second, "GET", "/api/v1/stores", null).statusCode())
                .as("admin alone does not print")
                .isEqualTo(403);
    }

    @Test
    void storeListsThatNameNoStoreAreRefused() throws Exception {
        for (String body : List.of(
                "{\"name\":\"a\",\"stores\":[]}",
                "{\"name\":\"a\",\"stores\":[\" \"]}",
                "{\"name\":\"a\"}",
                "{\"name\":\"a\",\"stores\":[\"*\",\"alger-01\"]}")) {
            HttpResponse<String> response = admin("POST", TOKENS, body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(bridge.json(response).at("/error/message").asText())
                    .as(body)
                    .startsWith("stores: ");
        }
        assertThat(bridge.json(admin("GET", TOKENS, null)).get("tokens")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedNamingTheValue() throws Exception {
        assertError(
                admin("POST", TOKENS, "{\"name\":\"pos 1\",\"stores\":[\"*\"]}"),
                400,
                "INVALID_REQUEST",
                "name: \"pos 1\"");
        assertError(
                admin("POST", TOKENS, "{\"name\":\"pos\",\"stores\":[\"*\"],\"scopes\":[\"prnt\"]}"),
                400,
                "INVALID_REQUEST",
                "scopes: \"prnt\" (expected: print, admin or attendance)");
        assertError(
                admin("POST", TOKENS, "{\"name\":\"pos\",\"stores\":[\"*\"],\"scope\":[\"admin\"]}"),
                400,
                "INVALID_REQUEST",
                "scope");
        assertError(admin("POST", TOKENS, "{\"stores\":[\"*\"]}"), 400, "INVALID_REQUEST", "name: missing");
        assertError(
                admin("POST", TOKENS, "{\"name\":\"it\",\"stores\":[\"*\"]}"),
                409,
                "TOKEN_EXISTS",
                "is a token of the configuration");
        admin("POST", TOKENS, "{\"name\":\"pos\",\"stores\":[\"*\"]}");
        assertError(
                admin("POST", TOKENS, "{\"name\":\"pos\",\"stores\":[\"*\"]}"),
                409,
                "TOKEN_EXISTS",
                "name: \"pos\" is taken");
        assertError(
                admin("DELETE", TOKENS + "/nobody", null), 404, "UNKNOWN_TOKEN", "name: \"nobody\": no active token");
    }

    @Test
    void aPrintTokenMayNotCreateOrRevoke() throws Exception {
        assertError(
                as(Bridge.TOKEN, "POST", TOKENS, "{\"name\":\"mine\",\"stores\":[\"*\"],\"scopes\":[\"admin\"]}"),
                403,
                "FORBIDDEN",
                "admin scope");
        admin("POST", TOKENS, "{\"name\":\"pos\",\"stores\":[\"*\"]}");
        assertError(as(Bridge.TOKEN, "DELETE", TOKENS + "/pos", null), 403, "FORBIDDEN", "admin scope");
        assertThat(bridge.json(admin("GET", TOKENS, null)).get("tokens"))
                .extracting(t -> t.get("name").asText())
                .containsExactly("pos");
    }

    @Test
    void everyActionIsAuditedWithTheAdminTokensName() throws Exception {
        admin("POST", TOKENS, "{\"name\":\"pos-1\",\"stores\":[\"alger-01\",\"setif-04\"]}");
        admin("GET", TOKENS, null);
        admin("DELETE", TOKENS + "/pos-1", null);

        assertThat(audit())
                .containsExactly(
                        "it token.create token pos-1 for stores alger-01,setif-04 with scopes print",
                        "it token.list 1 tokens",
                        "it token.revoke token pos-1");
    }

    private List<String> audit() {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = bridge.server().getBean(TransactionOperations.class);
        return transactions.executeRead(status -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement query = status.getConnection()
                            .prepareStatement(
                                    "SELECT client, action, detail FROM audit_log WHERE action LIKE 'token.%' ORDER BY id");
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
                }
            }
            return rows;
        });
    }

    private void assertError(HttpResponse<String> response, int status, String code, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo(code);
        assertThat(bridge.json(response).at("/error/message").asText()).contains(message);
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return as(ADMIN_TOKEN, method, path, body);
    }

    private HttpResponse<String> as(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(bridge.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return bridge.send(request);
    }
}
