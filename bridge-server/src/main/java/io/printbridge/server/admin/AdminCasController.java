package io.printbridge.server.admin;

import static java.util.Objects.requireNonNull;

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
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.certs.Pem;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiError;
import io.printbridge.server.api.ApiException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.identity.CaChangeRefusedException;
import io.printbridge.server.identity.CaKeys;
import io.printbridge.server.identity.CaRollover;
import io.printbridge.server.identity.StoreCas;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/admin/cas}: rolling the store CA while the server runs, as {@code bridge-server
 * ca} does on the database. A CA's private key never travels through the API: the server issues
 * with a CA once its key is in {@code <data-dir>/ca-keys/<fingerprint>.key} (written by
 * {@code bridge-server ca add --key} on the server's machine, or copied there).
 */
@Controller("/api/v1/admin/cas")
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
final class AdminCasController {

    /** One store CA and where it stands. */
    @Schema(name = "StoreCa")
    record CaView(
            String fingerprint,
            String subject,
            String state,
            Instant notAfter,
            Instant addedAt,
            String addedBy,
            @Nullable Instant retiredAt,
            long liveCertificates,
            long stores,
            boolean signsServerCertificate,
            boolean keyOnThisServer,
            long storesNotSeenSinceAdded) {

        static CaView of(CaRollover.CaStatus status) {
            return new CaView(
                    status.fingerprint(),
                    status.subject(),
                    status.state().name(),
                    status.notAfter(),
                    status.addedAt(),
                    status.addedBy(),
                    status.retiredAt(),
                    status.liveCertificates(),
                    status.stores(),
                    status.signsServerCertificate(),
                    status.keyOnThisServer(),
                    status.storesNotSeenSinceAdded());
        }
    }

    @Schema(name = "StoreCaList")
    record CaList(List<CaView> cas) {}

    /** A store CA changed, and what to do next. */
    @Schema(name = "StoreCaChanged")
    record Changed(CaView ca, String next) {}

    /** A store CA retired, with what still depended on it (nothing unless forced). */
    @Schema(name = "StoreCaRetired")
    record Retired(
            CaView ca, long liveCertificatesCutOff, long storesCutOff, boolean signedServerCertificate, String next) {}

    @Schema(name = "NewStoreCa", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record NewCaBody(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The CA's certificate, PEM.") @Nullable
            String certificate) {}

    @Schema(name = "StoreCaRetirement", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record RetireBody(
            @Schema(description = "Retire it although live certificates or the server's certificate depend on it.")
            @Nullable
            Boolean force) {}

    private final CaRollover rollover;
    private final CaKeys keys;
    private final ObjectReader newCa;
    private final ObjectReader retirement;

    AdminCasController(CaRollover rollover, CaKeys keys, ObjectMapper json) {
        this.rollover = requireNonNull(rollover, "rollover");
        this.keys = requireNonNull(keys, "keys");
        this.newCa = json.readerFor(NewCaBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.retirement = json.readerFor(RetireBody.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Operation(
            operationId = "listStoreCas",
            summary = "The store CAs and how many shops are on each",
            description = "Each CA: its state (ISSUING, TRUSTED, RETIRED), the live agent certificates it issued and of"
                    + " how many stores (certificates made by hand with the certs tool are not counted), whether it"
                    + " signed the server's certificate, and whether this server holds its key.")
    @ApiResponse(responseCode = "200", description = "The CAs, the issuing one first.", useReturnTypeSchema = true)
    @Get
    CaList list(@Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        admin(client);
        return new CaList(rollover.status().stream().map(CaView::of).toList());
    }

    @Operation(
            operationId = "addStoreCa",
            summary = "Trust a new store CA",
            description =
                    "Trusted at once beside the others: agents' certificates from it are accepted, and live agents"
                            + " are handed it to trust for the server. Its key is not sent here: put it in"
                            + " <data-dir>/ca-keys/<fingerprint>.key on every server that will issue with it.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewCaBody.class)))
    @ApiResponse(responseCode = "201", description = "Added.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: not a usable CA certificate.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "CA_CHANGE_REFUSED: the CA is known already.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(processes = MediaType.APPLICATION_JSON)
    HttpResponse<Changed> add(
            @Body byte[] json, @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        NewCaBody body = read(newCa, json, "certificate");
        if (body.certificate() == null) {
            throw ApiException.badRequest("certificate: missing (expected: the CA's certificate, PEM)");
        }
        X509Certificate certificate;
        try {
            certificate =
                    Pem.parseCertificates(body.certificate(), "certificate").get(0);
        } catch (IOException e) {
            throw ApiException.badRequest(String.valueOf(e.getMessage()));
        }
        StoreCas.StoreCa added =
                change(() -> rollover.add(by, certificate, null).ca());
        return HttpResponse.created(new Changed(
                view(added.fingerprint()),
                "trusted now; to issue with it, put its key in " + keys.fileFor(added.fingerprint())
                        + " on each server that issues, then POST /api/v1/admin/cas/" + added.fingerprint()
                        + "/issue-from"));
    }

    @Operation(
            operationId = "issueFromStoreCa",
            summary = "Issue new agent certificates from a store CA",
            description = "Enrolments and renewals get certificates from this CA from now on; the one before stays"
                    + " trusted. This server must hold the CA's key.")
    @ApiResponse(responseCode = "200", description = "Issuing.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: no CA, or several, have that fingerprint.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "CA_CHANGE_REFUSED: retired, already issuing, or its key is not on this server.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(uri = "/{fingerprint}/issue-from")
    Changed issueFrom(
            @Parameter(description = "The CA's SHA-256 fingerprint (hex), or its first 8 digits or more.") @PathVariable
                    String fingerprint,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        StoreCas.StoreCa issuing = change(() -> rollover.issueFrom(by, fingerprint));
        return new Changed(
                view(issuing.fingerprint()),
                "agents move over as they renew; retire the old CA when it has no live certificate left");
    }

    @Operation(
            operationId = "retireStoreCa",
            summary = "Stop trusting a store CA",
            description = "Its agents' certificates are refused at their next handshake and their live streams are"
                    + " closed; agents stop trusting it for the server. Refused while live certificates depend on it or"
                    + " it signed the server's certificate (unless force), and always for the issuing CA.")
    @RequestBody(content = @Content(schema = @Schema(implementation = RetireBody.class)))
    @ApiResponse(responseCode = "200", description = "Retired.", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: no CA, or several, have that fingerprint.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "CA_CHANGE_REFUSED: still needed (with the numbers), the issuing CA, or already retired.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(uri = "/{fingerprint}/retire", processes = MediaType.APPLICATION_JSON)
    Retired retire(
            @Parameter(description = "The CA's SHA-256 fingerprint (hex), or its first 8 digits or more.") @PathVariable
                    String fingerprint,
            @Body @Nullable byte[] json,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String by = admin(client);
        RetireBody body = json == null || json.length == 0 ? new RetireBody(false) : read(retirement, json, "force");
        boolean force = Boolean.TRUE.equals(body.force());
        CaRollover.Retired retired = change(() -> rollover.retire(by, fingerprint, force));
        return new Retired(
                view(retired.ca().fingerprint()),
                retired.liveCertificates(),
                retired.stores(),
                retired.signedServerCertificate(),
                retired.liveCertificates() > 0 || retired.signedServerCertificate()
                        ? "forced: " + retired.liveCertificates() + " live certificate(s) of " + retired.stores()
                                + " store(s) cut off; each such shop needs a new enrolment code"
                                + (retired.signedServerCertificate()
                                        ? "; it signed the server's certificate: replace it now"
                                        : "")
                        : "retired; nothing depended on it");
    }

    private CaView view(String fingerprint) {
        return rollover.status().stream()
                .filter(status -> status.fingerprint().equals(fingerprint))
                .map(CaView::of)
                .findFirst()
                .orElseThrow();
    }

    private static <T> T change(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        } catch (CaChangeRefusedException e) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "CA_CHANGE_REFUSED", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    private static <T> T read(ObjectReader reader, byte[] json, String fields) {
        try {
            T body = reader.readValue(json);
            if (body == null) {
                throw ApiException.badRequest("request body: null (expected: a JSON object with " + fields + ")");
            }
            return body;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\" (expected: " + fields + ")");
        } catch (IOException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_JSON",
                    "request body is not valid JSON (expected: a JSON object with " + fields + ")");
        }
    }

    private static String admin(ApiClient client) {
        if (!client.has(Scope.ADMIN)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "FORBIDDEN",
                    "API token \"" + client.name()
                            + "\" may not change the store CAs (expected: a token with the admin scope)");
        }
        return client.name();
    }
}
