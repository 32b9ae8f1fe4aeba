package io.printbridge.agent.printer.usb;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A USB printer could not be reached or did not take the data, with the reason a technician
 * acts on: plug it in, grant access, change its driver, or look at the printer itself.
 */
public final class UsbPrinterException extends IOException {

    public enum Reason {
        /** libusb could not be loaded or started on this machine. */
        LIBUSB_UNAVAILABLE,
        /** No device with the configured vendor and product id is connected. */
        NOT_FOUND,
        /** The device has no interface with a bulk OUT endpoint: it cannot take print data. */
        NOT_A_PRINTER,
        /** The operating system does not let this user open the device (Linux and macOS permissions). */
        ACCESS_DENIED,
        /** Present, but its driver or another program holds it; on Windows: its driver is not WinUSB. */
        CANNOT_CLAIM,
        /** Went away while in use: unplugged, switched off, or a cable fault. */
        DISCONNECTED,
        /** Accepted no data for the write timeout, or sent nothing back in time. */
        TIMEOUT,
        /** Any other failed transfer. */
        TRANSFER_FAILED
    }

    private final Reason reason;

    UsbPrinterException(Reason reason, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason");
    }

    UsbPrinterException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
