package io.printbridge.server.attendance;

import io.printbridge.proto.v1.ClockInfo;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A clock as the server knows it: what the agent configured and last reported.
 *
 * @param driftSeconds the clock's time minus the server's at the last read; null if never read
 */
record ClockRecord(
        String storeId,
        String name,
        String address,
        String transport,
        String timeZone,
        String state,
        String detail,
        @Nullable ClockInfo info,
        @Nullable Instant lastContact,
        @Nullable Long driftSeconds,
        boolean configured,
        Instant updatedAt) {}
