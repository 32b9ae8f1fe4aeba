package io.printbridge.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiError;
import io.printbridge.server.api.ApiException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.identity.StoreRevocations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/admin/stores}: what IT does to a store's identity while the server runs. Needs
 * a token with the {@code admin} scope, like the other admin calls.
 */
@Controller("/api/v1/admin/stores")
@ExecuteOn(TaskExecutors.BLOCKING) // writes the database
@Tag(name = "admin")
@ApiResponse(
        responseCode = "401",
        description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
        responseCode = "403",
        description = "FORBIDDEN: the token does not have the admin scope.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
final class AdminStoresController {

    /** Why the store is revoked, for the audit log. */
    @Schema(name = "StoreRevocation", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record RevocationBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "Why, for the audit log (1-500 characters).")
            @Nullable
            String reason) {}

    /** A store revoked: when. */
    @Schema(name = "StoreRevoked")
    record Revoked(String storeId, Instant revokedAt, String next) {}

    private final StoreRevocations revocations;
    private final ObjectReader reader;

    AdminStoresController(StoreRevocations revocations, ObjectMapper json) {
        this.revocations = requireNonNull(revocations, "revocations");
        this.reader = json.readerFor(RevocationBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(
            operationId = "revokeStore",
            summary = "Revoke a store (a stolen or lost PC)",
            description =
                    "Every certificate the store has until now is refused at its next handshake; its live stream is"
                            + " told REVOKED and closed within seconds, and the agent stops dialling. A new enrolment code brings"
                            + " the store back with a new certificate.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RevocationBody.class)))
    @ApiResponse(responseCode = "200", description = "Revoked.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: a bad store id or reason.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(uri = "/{storeId}/revoke", processes = MediaType.APPLICATION_JSON)
    Revoked revoke(
            @Parameter(description = "The store's id.") @PathVariable String storeId,
            @Body byte[] json,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        if (!client.has(Scope.ADMIN)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "FORBIDDEN",
                    "API token \"" + client.name()
                            + "\" may not revoke stores (expected: a token with the admin scope)");
        }
        RevocationBody body;
        try {
            body = reader.readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\" (expected: reason)");
        } catch (IOException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_JSON",
                    "request body is not valid JSON (expected:" + " {\"reason\":\"...\"})");
        }
        if (body == null || body.reason() == null) {
            throw ApiException.badRequest("reason: missing (expected: why the store is revoked, for the audit log)");
        }
        try {
            Instant at = revocations.revoke(client.name(), storeId, body.reason());
            return new Revoked(storeId, at, "the PC of store " + storeId + " needs a new enrolment code to come back");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }
}
