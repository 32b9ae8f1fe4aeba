package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * A command for one of the store's attendance clocks that takes no argument: read its info, set
 * it to the server's time, or clear its log (guarded: only if the server stored every record in
 * it). Needs the {@code attendance} scope.
 */
@Schema(
        name = "ClockJob",
        description = "An attendance clock's command: `clock-info` reads the clock's info, `clock-time` sets it to the "
                + "server's time, `attendance-clear` clears its log only if the server stored every record in it "
                + "(else the job fails NOT_ALL_STORED and nothing is cleared). Needs the `attendance` scope.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record ClockJob(
        @Schema(
                type = "string",
                requiredMode = RequiredMode.REQUIRED,
                allowableValues = {ClockJob.INFO, ClockJob.TIME, ClockJob.CLEAR})
        String type,

        @Schema(description = JobBody.CLOCK, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String clock,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements JobBody {

    public static final String INFO = "clock-info";
    public static final String TIME = "clock-time";
    public static final String CLEAR = "attendance-clear";

    /** The job's device is the clock. */
    @Override
    public @Nullable String printer() {
        return clock;
    }
}
