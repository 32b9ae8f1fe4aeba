package io.printbridge.agent.printer.usb;

import io.printbridge.agent.printer.PrinterTransport;
import java.time.Duration;

/**
 * Where the agent gets a USB printer transport. This class does not touch usb4java itself, and
 * the transport loads libusb only when first used: an agent that never calls {@link #open}
 * never loads the native library.
 */
public final class UsbTransports {

    private UsbTransports() {}

    /**
     * A transport to the USB printer with these ids. Nothing is opened yet: the device is found
     * and claimed on first use, and again after a failure.
     *
     * @param vendorId the USB vendor id, e.g. {@code 0x0471}
     * @param productId the USB product id, e.g. {@code 0x0055}
     * @param writeTimeout how long the printer may take no data before a write fails
     */
    public static PrinterTransport open(int vendorId, int productId, Duration writeTimeout) {
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "writeTimeout: " + writeTimeout.toMillis() + " ms (expected: more than 0)");
        }
        return new UsbPrinterTransport(new UsbDeviceId(vendorId, productId), writeTimeout);
    }
}
