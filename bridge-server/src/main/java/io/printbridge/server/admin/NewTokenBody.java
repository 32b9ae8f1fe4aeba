package io.printbridge.server.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/admin/tokens}; the same record is the request's schema in the
 * OpenAPI document. Unknown fields are refused: a misspelt {@code scope} must not quietly give
 * the default.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "NewToken", description = "A token to create.")
public record NewTokenBody(
        @Schema(
                description = "Who holds it, for the audit trail: 1-100 letters, digits, '.', '_' or '-'.",
                example = "erp-prod",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        String name,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "The store ids it may use, or [\"*\"] for every store. Required with the"
                                        + " print or attendance scope; an empty list is refused."),
                schema = @Schema(example = "alger-01"))
        @Nullable
        List<String> stores,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "What it may do: print (jobs, stores, events), attendance (punches, clocks and"
                                                + " their jobs) and/or admin (this API)."
                                                + " Default [\"print\"]."),
                schema = @Schema(allowableValues = {"print", "admin", "attendance"}))
        @Nullable
        List<String> scopes) {}
