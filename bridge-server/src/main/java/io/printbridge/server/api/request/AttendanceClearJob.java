package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/** Clears a clock's attendance log, only once the server stored every record in it. Needs the {@code attendance} scope. */
@Schema(
        name = "AttendanceClearJob",
        description =
                "Clears an attendance clock's log, guarded: the agent stops the clock taking punches, reads its whole log, and clears it only if the server has stored every record in it; otherwise the job fails NOT_ALL_STORED and nothing is cleared. Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record AttendanceClearJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = AttendanceClearJob.TYPE)
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String clock,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements ClockJob {

    public static final String TYPE = "attendance-clear";
}
