package io.printbridge.server.api.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * An invoice the server validates and renders for the printer its agent reported.
 *
 * @param invoice the document as the ERP sent it (a JSON object), validated by erp-core's
 *     {@code InvoiceParser}, whose format it is; kept as sent to draw its preview again later
 */
@Schema(
        name = "InvoiceJob",
        description = "An invoice, validated and rendered by the server for the store's printer.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record InvoiceJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = InvoiceJob.TYPE)
        String type,
        // implementation = Object: micronaut-openapi 6.20 takes JsonNode (an Iterable) for an array.
        @Schema(
                type = "object",
                implementation = Object.class,
                requiredMode = RequiredMode.REQUIRED,
                description =
                        "The invoice document (erp-core's format, see examples/invoices); every invalid field is listed "
                                + "in the 400's `details`.")
        JsonNode invoice,

        @Schema(description = JobBody.OPEN_DRAWER) @Nullable Boolean openDrawer,

        @Schema(description = JobBody.PRINTER, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String printer,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements JobBody {

    public static final String TYPE = "invoice";
}
