package io.printbridge.server.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiError;
import io.printbridge.server.api.ApiException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.EnrolmentRefusedException;
import io.printbridge.server.identity.NewEnrolmentCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/admin/enrolment-codes}: one-time codes with which a shop's PC gets its
 * certificate ({@code bridge-agent enroll}). Needs a token with the {@code admin} scope, like the
 * other admin calls; the dashboard's "enrol a shop" button calls it.
 */
@Controller("/api/v1/admin/enrolment-codes")
@ExecuteOn(TaskExecutors.BLOCKING) // reads and writes the database
@Tag(name = "admin")
@ApiResponse(
        responseCode = "401",
        description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
        responseCode = "403",
        description = "FORBIDDEN: the token does not have the admin scope.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
final class AdminEnrolmentCodesController {

    /** A code to make. */
    @Schema(name = "NewEnrolmentCode", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record NewCodeBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The store the PC will speak for.",
                    example = "alger-01")
            @Nullable
            String storeId,

            @Schema(
                    description = "How long the code may be used: minutes, hours or days (30m, 24h, 7d), from 1 minute"
                            + " to 30 days. Default: bridge.identity.enrolment-code-lifetime (24h).",
                    example = "24h")
            @Nullable
            String validFor) {}

    /** A code just made: the only answer that holds it. */
    @Schema(name = "IssuedEnrolmentCode", description = "A new code; `code` is shown only in this answer.")
    record IssuedCode(
            String id,

            @Schema(description = "The code to read to the shop, XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.")
            String code,

            String storeId,
            Instant expiresAt,

            @Schema(description = "What to type on the shop's PC.")
            String agentCommand) {}

    /** The list wrapped in an object, so fields can be added beside it later. */
    @Schema(name = "EnrolmentCodeList")
    record CodeList(List<EnrolmentCodeView> codes) {}

    private final EnrolmentCodes codes;
    private final ObjectReader reader;

    AdminEnrolmentCodesController(EnrolmentCodes codes, ObjectMapper json) {
        this.codes = requireNonNull(codes, "codes");
        this.reader = json.readerFor(NewCodeBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(
            operationId = "createEnrolmentCode",
            summary = "Make a one-time enrolment code for a store",
            description = "Single use, valid 24 hours by default, stored hashed. The code's last 12 symbols name the CA"
                    + " that signs the server's certificate, so the PC can check the server before it sends the code."
                    + " Read it to the shop, or give the command line in `agentCommand`.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewCodeBody.class)))
    @ApiResponse(responseCode = "201", description = "The new code.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: a bad store id or validity, an unknown field.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "503",
            description = "NO_SERVER_CA: the server's certificate or its CA cannot be read, or the certificate is not"
                    + " signed by bridge.grpc.client-ca (the CA a code names).",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(processes = MediaType.APPLICATION_JSON)
    HttpResponse<IssuedCode> create(
            @Body byte[] json, @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        NewCodeBody body = parse(json);
        if (body.storeId() == null) {
            throw ApiException.badRequest("storeId: missing (expected: the store the PC will speak for)");
        }
        try {
            Duration validFor = body.validFor() == null ? null : EnrolmentCodes.parseValidity(body.validFor());
            NewEnrolmentCode code = codes.create(by, body.storeId(), validFor);
            return HttpResponse.created(
                    new IssuedCode(code.id(), code.code(), code.storeId(), code.expiresAt(), code.agentCommand()));
        } catch (EnrolmentRefusedException e) {
            throw refusal(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // The server's certificate files, which the code's CA part is read from: named in the message.
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "NO_SERVER_CA",
                    "cannot make a code: " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    @Operation(
            operationId = "listEnrolmentCodes",
            summary = "The enrolment codes, newest first",
            description = "At most 500, of one store or of all; never a secret. `state` is ACTIVE, USED (with the"
                    + " host that used it), EXPIRED or REVOKED.")
    @ApiResponse(responseCode = "200", description = "The codes.", useReturnTypeSchema = true)
    @Get
    CodeList list(
            @Parameter(description = "Only this store's codes.") @QueryValue @Nullable String storeId,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        admin(client);
        try {
            Instant now = codes.now();
            return new CodeList(codes.list(storeId).stream()
                    .map(row -> EnrolmentCodeView.of(row, now))
                    .toList());
        } catch (EnrolmentRefusedException e) {
            throw refusal(e);
        }
    }

    @Operation(
            operationId = "revokeEnrolmentCode",
            summary = "Revoke an enrolment code",
            description = "An active code can no longer be used. A used code is not revoked: revoke the store instead.")
    @ApiResponse(responseCode = "200", description = "Revoked.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_ENROLMENT_CODE: no code has that id.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "ENROLMENT_CODE_NOT_ACTIVE: the code was used or revoked already.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post("/{id}/revoke")
    EnrolmentCodeView revoke(
            @Parameter(description = "The code's id, as listed.", example = "3f9a0c4d2e1b7a65") @PathVariable String id,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        try {
            return EnrolmentCodeView.of(codes.revoke(by, id), codes.now());
        } catch (EnrolmentRefusedException e) {
            throw refusal(e);
        }
    }

    private NewCodeBody parse(byte[] json) {
        String expected = "expected: {\"storeId\":\"…\",\"validFor\":\"24h\"}";
        NewCodeBody body;
        try {
            body = reader.readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(
                    "unknown field \"" + e.getPropertyName() + "\" (expected: storeId, validFor)");
        } catch (JsonProcessingException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_JSON",
                    "request body: " + e.getOriginalMessage() + " (" + expected + ")");
        } catch (IOException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_JSON",
                    "request body: " + e.getMessage() + " (" + expected + ")");
        }
        if (body == null) {
            throw ApiException.badRequest("request body: null (" + expected + ")");
        }
        return body;
    }

    /** Who asks, for the audit log, once it is sure they may. */
    private static String admin(ApiClient client) {
        if (!client.has(Scope.ADMIN)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "FORBIDDEN",
                    "API token \"" + client.name()
                            + "\" may not manage enrolment codes (expected: a token with the admin scope)");
        }
        return client.name();
    }

    private static ApiException refusal(EnrolmentRefusedException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
        return switch (e.reason()) {
            case UNKNOWN_CODE -> new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_ENROLMENT_CODE", message);
            case USED_CODE, REVOKED_CODE, EXPIRED_CODE ->
                new ApiException(HttpStatus.CONFLICT, "ENROLMENT_CODE_NOT_ACTIVE", message);
            case MALFORMED, NO_ISSUING_CA -> ApiException.badRequest(message);
        };
    }
}
