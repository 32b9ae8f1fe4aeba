package io.printbridge.agent.printer.usb;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A USB printer as {@link UsbPrinters#list()} sees it.
 *
 * @param name manufacturer and product as the device names itself, or empty when it cannot be opened
 * @param problem why the agent could not use it as it is (driver, permissions), or null when it can
 */
public record UsbPrinterInfo(
        UsbDeviceId id,
        int bus,
        int address,
        String name,
        @Nullable String problem) {

    public UsbPrinterInfo {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
    }

    /** {@code 0471:0055 bus 1 address 4 "EPSON TM-T20II"} and, when there is one, the problem. */
    @Override
    public String toString() {
        return id + " bus " + bus + " address " + address + (name.isEmpty() ? "" : " \"" + name + "\"")
                + (problem == null ? "" : ": " + problem);
    }
}
