package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * A pulse on the cash drawer's pin ({@code ESC p m t1 t2} on the agent).
 *
 * @param pin the connector pin; null for the pin configured on the agent
 * @param pulseMs how long the pulse lasts; null for the agent's setting
 */
@Schema(
        name = "DrawerJob",
        description = "Opens the cash drawer wired to the printer.",
        additionalProperties = AdditionalPropertiesValue.FALSE)
public record DrawerJob(
        @Schema(type = "string", requiredMode = RequiredMode.REQUIRED, allowableValues = DrawerJob.TYPE)
        String type,

        @Schema(description = "The drawer connector pin; the pin configured on the agent if absent.") @Nullable
        DrawerPin pin,

        @Schema(
                description = "How long the pulse lasts, in milliseconds; the agent's setting if absent.",
                minimum = "" + DrawerJob.MIN_PULSE_MS,
                maximum = "" + DrawerJob.MAX_PULSE_MS)
        @Nullable
        Integer pulseMs,

        @Schema(description = JobBody.PRINTER, pattern = JobBody.PRINTER_PATTERN) @Nullable
        String printer,

        @Schema(description = JobBody.TTL, minimum = "" + JobBody.MIN_TTL_SECONDS) @Nullable
        Long ttlSeconds)
        implements JobBody {

    public static final String TYPE = "drawer";
    /** The pulse's bounds: shorter may not release the latch, longer may burn the solenoid. */
    public static final int MIN_PULSE_MS = 20;

    public static final int MAX_PULSE_MS = 250;
}
