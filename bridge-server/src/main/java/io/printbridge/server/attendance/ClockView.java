package io.printbridge.server.attendance;

import io.printbridge.proto.v1.ClockInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A store's attendance clock, as the ERP reads it. */
@Schema(name = "Clock", description = "An attendance clock of the store and what it last said.")
public record ClockView(
        String name,

        @Schema(description = "host:port on the shop's network, as the agent is configured.")
        String address,

        @Schema(allowableValues = {"tcp", "udp"}) String transport,
        String timeZone,

        @Schema(
                description = "ONLINE, OFFLINE (no answer), AUTH_REFUSED (the comm key), PROTOCOL_ERROR, or"
                        + " UNKNOWN before the agent reported.")
        String state,

        @Schema(description = "What went wrong, naming the address and what was expected.")
        String detail,

        @Schema(description = "False once the agent no longer lists it; its punches stay.")
        boolean configured,

        @Nullable Instant lastContact,

        @Schema(description = "The clock's time minus the server's at its last read, in seconds.") @Nullable
        Long driftSeconds,

        @Nullable String serialNumber,
        @Nullable String deviceName,
        @Nullable String firmwareVersion,
        @Nullable String clockTime,
        @Nullable Integer records,
        @Nullable Integer recordCapacity,
        @Nullable Integer users,
        @Nullable Integer userCapacity) {

    static ClockView of(ClockRecord clock) {
        ClockInfo info = clock.info();
        return new ClockView(
                clock.name(),
                clock.address(),
                clock.transport(),
                clock.timeZone(),
                clock.state(),
                clock.detail(),
                clock.configured(),
                clock.lastContact(),
                clock.driftSeconds(),
                info == null ? null : info.getSerialNumber(),
                info == null ? null : info.getDeviceName(),
                info == null ? null : info.getFirmwareVersion(),
                info == null ? null : info.getClockTime(),
                info == null ? null : info.getRecordCount(),
                info == null ? null : info.getRecordCapacity(),
                info == null ? null : info.getUserCount(),
                info == null ? null : info.getUserCapacity());
    }
}
