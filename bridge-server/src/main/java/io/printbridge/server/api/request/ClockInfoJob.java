package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Reads an attendance clock's info. Needs the {@code attendance} scope. */
@Schema(
        name = "ClockInfoJob",
        description =
                "Reads an attendance clock's info (serial, firmware, records and users held, its time): the finished job's history carries it, and the store's clocks list shows it. Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record ClockInfoJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = ClockInfoJob.TYPE)
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String clock,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements ClockJob {

    public static final String TYPE = "clock-info";
}
