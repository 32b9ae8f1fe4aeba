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
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiError;
import io.printbridge.server.api.ApiException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/admin/tokens}: the API tokens of the database, managed while the server runs.
 * Needs a token with the {@code admin} scope; {@code ApiTokenFilter} checks it for the whole path
 * and each operation checks it again, so a path the filter would read differently gains nothing.
 */
@Controller("/api/v1/admin/tokens")
@ExecuteOn(TaskExecutors.BLOCKING) // every operation reads or writes the database
@Tag(name = "admin", description = "API tokens, managed while the server runs (the admin scope).")
@ApiResponse(
        responseCode = "401",
        description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@ApiResponse(
        responseCode = "403",
        description = "FORBIDDEN: the token does not have the admin scope.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
final class AdminTokensController {

    /** The list wrapped in an object, so fields can be added beside it later. */
    @Schema(name = "ApiTokenList")
    record TokenList(List<TokenView> tokens) {}

    private final TokenAdministration administration;
    private final ObjectReader reader;

    AdminTokensController(TokenAdministration administration, ObjectMapper json) {
        this.administration = requireNonNull(administration, "administration");
        this.reader = json.readerFor(NewTokenBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(
            operationId = "listApiTokens",
            summary = "The API tokens of the database",
            description =
                    "Active and revoked, by name, with their stores and scopes; never a hash or a token. Tokens of the "
                            + "configuration (bridge.api.tokens) are not listed: they are changed there.")
    @ApiResponse(responseCode = "200", description = "The tokens.", useReturnTypeSchema = true)
    @Get
    TokenList list(@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        return new TokenList(administration.list(by).stream().map(TokenView::of).toList());
    }

    @Operation(
            operationId = "createApiToken",
            summary = "Create an API token",
            description =
                    "The answer carries the token itself, this once: only its SHA-256 is stored. An admin token may "
                            + "create a token with any scope for any store.")
    @ApiResponse(responseCode = "201", description = "The new token.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: a bad name, no store, an unknown scope, an unknown field.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "TOKEN_EXISTS: a token of that name exists, active or revoked.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewTokenBody.class)))
    @Post(processes = MediaType.APPLICATION_JSON)
    HttpResponse<IssuedTokenView> create(
            @Body byte[] json, @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        NewTokenBody body = parse(json);
        if (body.name() == null) {
            throw ApiException.badRequest("name: missing (expected: 1-100 letters, digits, '.', '_' or '-')");
        }
        Set<Scope> scopes = scopes(body.scopes());
        TokenStores stores = Scope.reachesStores(scopes) ? stores(body.stores()) : TokenStores.NONE;
        try {
            return HttpResponse.created(IssuedTokenView.of(administration.create(by, body.name(), stores, scopes)));
        } catch (TokenRefusedException e) {
            throw refusal(e);
        }
    }

    @Operation(
            operationId = "revokeApiToken",
            summary = "Revoke an API token",
            description =
                    "This server refuses the token from the answer on; other servers sharing the database within 30 s.")
    @ApiResponse(responseCode = "204", description = "Revoked.")
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_TOKEN: no active token of that name in the database.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Delete("/{name}")
    HttpResponse<Void> revoke(
            @Parameter(description = "The token's name.", example = "erp-prod") @PathVariable String name,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        try {
            administration.revoke(by, name);
            return HttpResponse.noContent();
        } catch (TokenRefusedException e) {
            throw refusal(e);
        }
    }

    /**
     * The body as {@link NewTokenBody}, the record the OpenAPI document shows, read strictly: a
     * misspelt {@code scope} is refused, not taken as the default.
     */
    private NewTokenBody parse(byte[] json) {
        String expected = "expected: {\"name\":…,\"stores\":[…],\"scopes\":[…]}";
        NewTokenBody body;
        try {
            body = reader.readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(
                    "unknown field \"" + e.getPropertyName() + "\" (expected: name, stores, scopes)");
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
                            + "\" may not manage tokens (expected: a token with the admin scope)");
        }
        return client.name();
    }

    private static Set<Scope> scopes(@Nullable List<String> names) {
        if (names == null) {
            return Set.of(Scope.PRINT);
        }
        if (names.contains(null)) {
            throw ApiException.badRequest("scopes: " + names + " (expected: scope names, " + Scope.known() + ")");
        }
        try {
            Set<Scope> scopes = Scope.parseAll(names);
            if (scopes.isEmpty()) {
                throw ApiException.badRequest(
                        "scopes: " + names + " (expected: at least one of " + Scope.known() + ")");
            }
            return scopes;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("scopes: " + e.getMessage());
        }
    }

    private static TokenStores stores(@Nullable List<String> ids) {
        if (ids == null) {
            throw ApiException.badRequest("stores: missing (expected: store ids, or [\"*\"] for every store)");
        }
        if (ids.contains(null)) {
            throw ApiException.badRequest("stores: " + ids + " (expected: store ids, or [\"*\"] for every store)");
        }
        try {
            return TokenStores.requireForNewToken("stores", ids);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private static ApiException refusal(TokenRefusedException e) {
        return switch (e.reason()) {
            case INVALID -> ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
            case NAME_TAKEN ->
                new ApiException(
                        HttpStatus.CONFLICT, "TOKEN_EXISTS", Objects.requireNonNullElse(e.getMessage(), e.toString()));
            case UNKNOWN ->
                new ApiException(
                        HttpStatus.NOT_FOUND,
                        "UNKNOWN_TOKEN",
                        Objects.requireNonNullElse(e.getMessage(), e.toString()));
        };
    }
}
