package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document generated from the controllers at build time, as a live server serves it
 * to anyone who asks (it describes the API and holds no secret).
 */
class OpenApiDocumentTest {

    static final String DOCUMENT = "/swagger/bridge-server.yml";
    static final String JOBS = "/api/v1/stores/{storeId}/jobs";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static HttpResponse<String> response;
    static JsonNode openApi;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        response = bridge.send(HttpRequest.newBuilder(bridge.uri(DOCUMENT))
                .timeout(Duration.ofSeconds(10))
                .GET());
        // Read as a tree so the assertions can walk it with JSON pointers.
        openApi = new ObjectMapper().valueToTree(new Yaml().load(response.body()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void documentIsServedWithoutAToken() {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(openApi.at("/openapi").asText()).startsWith("3.");
        assertThat(openApi.at("/info/title").asText()).isEqualTo("Store printer bridge");
    }

    @Test
    void documentListsJobCreationWithItsBodyAndParameters() {
        JsonNode post = operation(JOBS, "post");

        assertThat(post.isObject())
                .as("POST %s in %s", JOBS, openApi.get("paths"))
                .isTrue();
        assertThat(post.at("/requestBody/content/application~1json/schema/$ref").asText())
                .endsWith("/JobBody");
        assertThat(post.get("parameters").findValuesAsText("name")).contains("storeId", "wait", "Idempotency-Key");
    }

    @Test
    void theStoreListDocumentsItsPagingAndFiltersWithTheirTypes() {
        JsonNode list = operation("/api/v1/stores", "get");
        Map<String, String> types = new java.util.TreeMap<>();
        list.get("parameters")
                .forEach(p ->
                        types.put(p.get("name").asText(), p.at("/schema/type").asText()));

        assertThat(types)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "after", "string",
                        "limit", "integer",
                        "online", "boolean",
                        "problem", "string",
                        "certificateExpiresWithinDays", "integer",
                        "q", "string"));
        assertThat(list.at("/responses/400/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/ApiError");
        JsonNode storeList = openApi.at("/components/schemas/StoreList/properties");
        assertThat(storeList.has("stores")).isTrue();
        assertThat(storeList.at("/next/type").asText()).isEqualTo("string");
        assertThat(storeList.at("/total/type").asText()).isEqualTo("integer");
    }

    @Test
    void jobCreationDocumentsEveryErrorWithTheErrorSchema() {
        JsonNode responses = operation(JOBS, "post").get("responses");

        for (String code : List.of("400", "401", "403", "404", "409", "413", "429")) {
            assertThat(responses
                            .at("/" + code + "/content/application~1json/schema/$ref")
                            .asText())
                    .as("response %s", code)
                    .endsWith("/ApiError");
        }
        assertThat(responses.at("/429/headers/Retry-After").isObject()).isTrue();
    }

    @Test
    void documentListsTheAdminTokenOperationsWithTheirBodyAndErrors() {
        JsonNode create = operation("/api/v1/admin/tokens", "post");

        assertThat(operation("/api/v1/admin/tokens", "get").isObject())
                .as("GET in %s", openApi.get("paths"))
                .isTrue();
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/NewToken");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/IssuedToken");
        assertThat(operation("/api/v1/admin/tokens/{name}", "delete")
                        .at("/responses/204")
                        .isObject())
                .isTrue();
        for (String code : List.of("400", "401", "403", "409")) {
            assertThat(create.at("/responses/" + code + "/content/application~1json/schema/$ref")
                            .asText())
                    .as("response %s", code)
                    .endsWith("/ApiError");
        }
        assertThat(openApi.at("/components/schemas/NewToken/properties/scopes/type")
                        .asText())
                .isEqualTo("array");
    }

    @Test
    void documentListsTheEnrolmentCodeOperationsWithTheirBodyAndErrors() {
        JsonNode create = operation("/api/v1/admin/enrolment-codes", "post");

        assertThat(create.get("operationId").asText()).isEqualTo("createEnrolmentCode");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/NewEnrolmentCode");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/IssuedEnrolmentCode");
        assertThat(openApi.at("/components/schemas/NewEnrolmentCode/additionalProperties")
                        .asBoolean(true))
                .isFalse();
        assertThat(operation("/api/v1/admin/enrolment-codes", "get")
                        .get("operationId")
                        .asText())
                .isEqualTo("listEnrolmentCodes");
        JsonNode revoke = operation("/api/v1/admin/enrolment-codes/{id}/revoke", "post");
        for (String code : List.of("401", "403", "404", "409")) {
            assertThat(revoke.at("/responses/" + code + "/content/application~1json/schema/$ref")
                            .asText())
                    .as("response %s", code)
                    .endsWith("/ApiError");
        }
    }

    @Test
    void theAdminOperationsLeaveTheOperationIdsOfTheJobApiAlone() {
        // Clients generated from the document call operations by these names.
        assertThat(operation(JOBS, "post").get("operationId").asText()).isEqualTo("create");
        assertThat(operation("/api/v1/stores", "get").get("operationId").asText())
                .isEqualTo("list");
        assertThat(operation("/api/v1/admin/tokens", "post").get("operationId").asText())
                .isEqualTo("createApiToken");
    }

    @Test
    void documentDeclaresTheBearerScheme() {
        assertThat(openApi.at("/components/securitySchemes/apiToken/type").asText())
                .isEqualTo("http");
        assertThat(openApi.at("/components/securitySchemes/apiToken/scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void everyApiOperationRequiresTheBearerToken() {
        forEachOperation((name, operation) -> {
            // An operation's own security, where it has one, replaces the document's.
            JsonNode security = operation.has("security") ? operation.get("security") : openApi.get("security");
            assertThat(security).as("security of %s", name).isNotNull();
            assertThat(security.findValues("apiToken"))
                    .as("security of %s", name)
                    .isNotEmpty();
        });
    }

    @Test
    void everyErrorResponseIsDocumentedAsJson() {
        forEachOperation((name, operation) -> operation
                .path("responses")
                .fields()
                .forEachRemaining(response -> {
                    if (response.getKey().compareTo("400") >= 0) {
                        response.getValue()
                                .path("content")
                                .fieldNames()
                                .forEachRemaining(mediaType -> assertThat(mediaType)
                                        .as("%s %s", name, response.getKey())
                                        .startsWith("application/json"));
                    }
                }));
    }

    /** Calls {@code check} with "METHOD /path" and the operation, for every operation in the document. */
    private static void forEachOperation(BiConsumer<String, JsonNode> check) {
        openApi.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fields()
                        .forEachRemaining(
                                op -> check.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
    }

    private static JsonNode operation(String path, String method) {
        return openApi.path("paths").path(path).path(method);
    }
}
