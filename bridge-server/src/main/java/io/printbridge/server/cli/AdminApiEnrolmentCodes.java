package io.printbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.printbridge.server.admin.EnrolmentCodeView;
import io.printbridge.server.identity.EnrolmentRefusedException;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The enrolment code commands through a running server's admin API ({@code /api/v1/admin/enrolment-codes}). */
final class AdminApiEnrolmentCodes implements EnrolmentCodeBackend {

    private static final String PATH = "/api/v1/admin/enrolment-codes";

    private final AdminApiClient api;
    private final ObjectMapper json = new ObjectMapper();

    AdminApiEnrolmentCodes(URI server, String adminToken) {
        this.api = new AdminApiClient(server, adminToken);
    }

    @Override
    public NewEnrolmentCode create(String storeId, @Nullable String validFor) {
        ObjectNode body = json.createObjectNode().put("storeId", storeId);
        if (validFor != null) {
            body.put("validFor", validFor);
        }
        JsonNode created = send(
                api.request(PATH)
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
        for (JsonNode code : send(api.request(path).GET(), 200).path("codes")) {
            codes.add(view(code));
        }
        return codes;
    }

    @Override
    public EnrolmentCodeView revoke(String id) {
        String path = PATH + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/revoke";
        return view(send(api.request(path).POST(HttpRequest.BodyPublishers.noBody()), 200));
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

    private JsonNode send(HttpRequest.Builder request, int expected) {
        return api.send(request, expected, (status, message) -> switch (status) {
            case 400 -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.MALFORMED, message);
            case 404 -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.UNKNOWN_CODE, message);
            case 409 -> new EnrolmentRefusedException(EnrolmentRefusedException.Reason.USED_CODE, message);
            default -> null;
        });
    }
}
