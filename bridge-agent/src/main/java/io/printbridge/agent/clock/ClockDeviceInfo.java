package io.printbridge.agent.clock;

import static java.util.Objects.requireNonNull;

/** What a clock says of itself: who it is and how full it is. */
public record ClockDeviceInfo(
        String serialNumber,
        String deviceName,
        String platform,
        String firmwareVersion,
        int userCount,
        int userCapacity,
        int recordCount,
        int recordCapacity) {

    public ClockDeviceInfo {
        requireNonNull(serialNumber, "serialNumber");
        requireNonNull(deviceName, "deviceName");
        requireNonNull(platform, "platform");
        requireNonNull(firmwareVersion, "firmwareVersion");
    }
}
