package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** A status query: the finished job's {@code printerStatus} says what the printer reported. */
@Schema(
        name = "StatusJob",
        description = "Reads the printer's status; the finished job carries it in `printerStatus`.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record StatusJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = StatusJob.TYPE)
        String type,

        @Schema(description = JobBody.PRINTER, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String printer,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements JobBody {

    public static final String TYPE = "status";
}
