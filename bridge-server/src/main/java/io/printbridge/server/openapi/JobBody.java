package io.printbridge.server.openapi;

import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bodies {@code POST /api/v1/stores/{storeId}/jobs} accepts, in schema form, for the OpenAPI
 * document only. The controller reads the body itself, strictly (an unknown field is a 400, so a
 * misspelt {@code printer} never prints on the default printer): nothing builds these records.
 * Keep them in step with {@code api.JobRequestParser}.
 */
@Schema(name = "JobBody", description = "A new job; `type` says which kind.",
        oneOf = {JobBody.Raw.class, JobBody.Invoice.class, JobBody.Drawer.class, JobBody.Status.class},
        discriminatorProperty = "type", discriminatorMapping = {
            @DiscriminatorMapping(value = "raw", schema = JobBody.Raw.class),
            @DiscriminatorMapping(value = "invoice", schema = JobBody.Invoice.class),
            @DiscriminatorMapping(value = "drawer", schema = JobBody.Drawer.class),
            @DiscriminatorMapping(value = "status", schema = JobBody.Status.class)})
public sealed interface JobBody {

    String PRINTER = "A printer of the store, by name (1-64 letters, digits, '-' or '_'); the store's default printer if absent.";
    String TTL = "Seconds the job stays worth doing (1 to bridge.jobs.max-time-to-live, 48 h by default); "
            + "by default 4 h for prints, 15 s for a drawer, 30 s for a status.";
    String OPEN_DRAWER = "Open the cash drawer once the receipt is printed (a cash sale), with the pin and pulse configured on the "
            + "agent, only within the drawer's time to live (15 s) from now: a receipt printed later leaves the drawer shut, "
            + "and the job's `drawer` says EXPIRED.";

    /** Bytes already in ESC/POS, printed as they are. */
    @Schema(name = "RawJob", description = "Bytes already in ESC/POS, printed as they are.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    record Raw(
            @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = "raw") String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "byte",
                    description = "The ESC/POS bytes in standard base64; at most 1 MiB once decoded (413 beyond).") String data,
            @Schema(description = OPEN_DRAWER) @Nullable Boolean openDrawer,
            @Schema(description = PRINTER) @Nullable String printer,
            @Schema(description = TTL, minimum = "1") @Nullable Long ttlSeconds) implements JobBody {}

    /** An invoice the server validates and renders for the printer its agent reported. */
    @Schema(name = "InvoiceJob", description = "An invoice, validated and rendered by the server for the store's printer.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    record Invoice(
            @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = "invoice") String type,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "The invoice document (erp-core's format); every invalid field is listed in the 400's `details`.")
            Map<String, Object> invoice,
            @Schema(description = OPEN_DRAWER) @Nullable Boolean openDrawer,
            @Schema(description = PRINTER) @Nullable String printer,
            @Schema(description = TTL, minimum = "1") @Nullable Long ttlSeconds) implements JobBody {}

    /** A pulse on the cash drawer's pin. */
    @Schema(name = "DrawerJob", description = "Opens the cash drawer wired to the printer.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    record Drawer(
            @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = "drawer") String type,
            @Schema(description = "The drawer connector pin, 2 or 5; the pin configured on the agent if absent.")
            @Nullable Integer pin,
            @Schema(description = "How long the pulse lasts, in milliseconds; the agent's setting if absent.", minimum = "20", maximum = "250")
            @Nullable Integer pulseMs,
            @Schema(description = PRINTER) @Nullable String printer,
            @Schema(description = TTL, minimum = "1") @Nullable Long ttlSeconds) implements JobBody {}

    /** A status query: the job's {@code printerStatus} says what the printer reported. */
    @Schema(name = "StatusJob", description = "Reads the printer's status; the finished job carries it in `printerStatus`.",
            additionalProperties = AdditionalPropertiesValue.FALSE)
    record Status(
            @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = "status") String type,
            @Schema(description = PRINTER) @Nullable String printer,
            @Schema(description = TTL, minimum = "1") @Nullable Long ttlSeconds) implements JobBody {}
}
