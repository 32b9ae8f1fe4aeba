package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.printbridge.server.admin.EnrolmentCodeView;
import io.printbridge.server.identity.EnrolmentRefusedException;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The enrolment code commands through a running server's admin API ({@code /api/v1/admin/enrolment-codes}). */
final class AdminApiEnrolmentCodes implements EnrolmentCodeBackend {

    private static final String PATH = "/api/v1/admin/enrolment-codes";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final String adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    AdminApiEnrolmentCodes(URI server, String adminToken) {
        this.server = requireNonNull(server, "server");
        this.adminToken = requireNonNull(adminToken, "adminToken");
    }

    @Override
    public NewEnrolmentCode create(String storeId, @Nullable String validFor) {
        ObjectNode body = json.createObjectNode().put("storeId", storeId);
        if (validFor != null) {
            body.put("validFor", validFor);
        }
        JsonNode created = send(
                request(PATH)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                201);
        return new NewEnrolmentCode(
                created.path("id").asText(),
                created.path("code").asText(),
                created.path("storeId").asText(),
                Instant.parse(created.path("expiresAt").asText()),
                created.path("agentCommand").asText());
    }

    @Override
    public List<EnrolmentCodeView> list(@Nullable String storeId) {
        String path = storeId == null ? PATH : PATH + "?storeId=" + URLEncoder.encode(storeId, StandardCharsets.UTF_8);
        List<EnrolmentCodeView> codes = new ArrayList<>();
        for (JsonNode code : send(request(path).GET(), 200).path("codes")) {
            codes.add(view(code));
        }
        return codes;
    }

    @Override
    public EnrolmentCodeView revoke(String id) {
        String path = PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/revoke";
        return view(send(request(path).POST(HttpRequest.BodyPublishers.noBody()), 200));
    }

    @Override
    public void close() {
        // Nothing held.
    }

    private EnrolmentCodeView view(JsonNode code) {
        return new EnrolmentCodeView(
                code.path("id").asText(),
                code.path("storeId").asText(),
                code.path("state").asText(),
                Instant.parse(code.path("createdAt").asText()),
                code.path("createdBy").asText(),
                Instant.parse(code.path("expiresAt").asText()),
                instant(code, "usedAt"),
                code.hasNonNull("usedByHost") ? code.get("usedByHost").asText() : null,
                instant(code, "revokedAt"));
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure(
                    "cannot reach " + server + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for " + server, e);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            body = json.createObjectNode(); // not the API's JSON (a proxy's page): the status says enough
        }
        if (response.statusCode() == expected) {
            return body;
        }
        String message = body.at("/error/message").asText(response.body());
        switch (response.statusCode()) {
            case 400 -> throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.MALFORMED, message);
            case 404 -> throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.UNKNOWN_CODE, message);
            case 409 -> throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.USED_CODE, message);
            case 401, 403 -> throw new CliFailure(server + " refused the admin token: " + message);
            default -> throw new CliFailure(server + " answered " + response.statusCode() + ": " + message);
        }
    }
}
