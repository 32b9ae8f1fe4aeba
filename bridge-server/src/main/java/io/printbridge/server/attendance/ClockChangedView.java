package io.printbridge.server.attendance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code clock.status} event (a clock's state changed) and {@code clock.drift} (its time went
 * more than a minute from the server's, or came back), live and by webhook.
 */
@Schema(name = "ClockChanged", description = "A clock's state changed, or its time drifted past a minute or came back.")
public record ClockChangedView(
        String event,
        String store,
        String clock,
        String state,
        String detail,
        @Nullable Long driftSeconds,
        Instant at) {

    public static final String STATUS = "clock.status";
    public static final String DRIFT = "clock.drift";
}
