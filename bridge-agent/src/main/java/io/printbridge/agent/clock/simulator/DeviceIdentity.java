package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

/** What the simulated clock says of itself through {@code CMD_OPTIONS_RRQ} and {@code CMD_GET_VERSION}. */
record DeviceIdentity(String serialNumber, String deviceName, String platform, String firmware, int commKey) {

    DeviceIdentity {
        requireNonNull(serialNumber, "serialNumber");
        requireNonNull(deviceName, "deviceName");
        requireNonNull(platform, "platform");
        requireNonNull(firmware, "firmware");
    }

    /** The option's value, or empty when a real clock would answer {@code CMD_ACK_ERROR}. */
    String option(String name) {
        switch (name) {
            case "~SerialNumber":
                return serialNumber;
            case "~DeviceName":
                return deviceName;
            case "~Platform":
                return platform;
            case "~OEMVendor":
                return "ZKTeco Inc.";
            case "~ZKFPVersion":
                return "10";
            case "~PIN2Width":
                return "9";
            case "MAC":
                return "00:17:61:00:00:01";
            default:
                return "";
        }
    }
}
