package io.printbridge.server.openapi;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The head of the OpenAPI document: what the API is, and how a caller authenticates. Nothing
 * runs here; the annotation processor reads it.
 *
 * <p>The bearer token is required document-wide, as {@code ApiTokenFilter} requires it on all of
 * {@code /api/**}: every controller is under {@code /api/}, and a new one is covered without
 * remembering an annotation. The unauthenticated endpoints ({@code /health}, {@code /prometheus},
 * this document) are not controllers and are not in the document.
 */
@OpenAPIDefinition(
        info = @Info(title = "Store printer bridge", version = "1", description = """
                The ERP's API to the shops' receipt printers and cash drawers. A job is queued for a \
                store, sent to its agent over the agent's own outbound connection, and ends DONE, \
                FAILED, EXPIRED or UNCERTAIN. `?wait=` holds the answer until then.

                Errors are always JSON `{"error":{"code":"…","message":"…"}}`; `code` is stable \
                for programs, `message` names the bad value and what was expected."""),
        security = @SecurityRequirement(name = BridgeApiDefinition.BEARER))
@SecurityScheme(
        name = BridgeApiDefinition.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description =
                "An API token, configured in `bridge.api.tokens` or created with `bridge-server tokens create` or the "
                        + "admin API (the server keeps only its SHA-256). It reaches the stores written for it (`*` for every store) "
                        + "and has scopes: `print` for jobs, stores and events, `admin` for `/api/v1/admin/**`.")
public final class BridgeApiDefinition {

    /** The name of the security scheme in the document. */
    public static final String BEARER = "apiToken";

    private BridgeApiDefinition() {}
}
