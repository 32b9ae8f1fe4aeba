package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Sets an attendance clock to the server's time. Needs the {@code attendance} scope. */
@Schema(
        name = "ClockTimeJob",
        description =
                "Sets an attendance clock to the server's time, in the clock's zone. Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record ClockTimeJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = ClockTimeJob.TYPE)
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String clock,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements ClockJob {

    public static final String TYPE = "clock-time";
}
