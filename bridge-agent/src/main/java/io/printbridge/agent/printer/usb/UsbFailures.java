package io.printbridge.agent.printer.usb;

import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;

/**
 * Turns a failed libusb call into a {@link UsbPrinterException} whose message says what the
 * technician should do. The advice depends on the platform: on Windows a device that cannot be
 * opened almost always still has the vendor's or the built-in printer driver instead of WinUSB.
 */
final class UsbFailures {

    static final String ZADIG_ADVICE = "install the WinUSB driver with Zadig; note that the printer then no longer"
            + " appears in Windows printers (to keep the vendor driver, use the spooler transport instead)";

    private UsbFailures() {}

    static UsbPrinterException notFound(UsbDeviceId id) {
        return new UsbPrinterException(
                Reason.NOT_FOUND,
                "USB printer " + id + " not found: no connected device has"
                        + " that vendor:product id (is it plugged in and switched on?)");
    }

    static UsbPrinterException libusbUnavailable(String detail, Throwable cause) {
        return new UsbPrinterException(
                Reason.LIBUSB_UNAVAILABLE,
                "cannot use USB printers on this machine: libusb did not" + " load (" + detail + ")",
                cause);
    }

    static UsbPrinterException libusbUnavailable(String detail) {
        return new UsbPrinterException(Reason.LIBUSB_UNAVAILABLE, "cannot use USB printers on this machine: " + detail);
    }

    /**
     * Opening the device or claiming its interface failed.
     *
     * @param step what was being done, for the message ("open", "claim interface 0")
     */
    static UsbPrinterException opening(UsbDeviceId id, String step, int code, boolean windows) {
        UsbError error = UsbError.of(code);
        String failed = "USB printer " + id + ": " + step + " failed (" + error + ")";
        if (error == UsbError.NO_DEVICE) {
            return new UsbPrinterException(Reason.DISCONNECTED, failed + ": it was unplugged or switched off");
        }
        if (windows
                && (error == UsbError.ACCESS
                        || error == UsbError.NOT_SUPPORTED
                        || error == UsbError.BUSY
                        || error == UsbError.NOT_FOUND)) {
            // libusb on Windows can only open devices bound to WinUSB (or libusbK); a printer on
            // usbprint.sys or the vendor driver answers with one of these codes.
            return new UsbPrinterException(
                    Reason.CANNOT_CLAIM,
                    "USB printer " + id + " is present but cannot be claimed (" + error + "): " + ZADIG_ADVICE);
        }
        return switch (error) {
            case ACCESS ->
                new UsbPrinterException(
                        Reason.ACCESS_DENIED,
                        failed + ": this user may not open the device;"
                                + " grant access with a udev rule such as SUBSYSTEM==\"usb\", ATTR{idVendor}==\""
                                + String.format("%04x", id.vendorId()) + "\", ATTR{idProduct}==\""
                                + String.format("%04x", id.productId())
                                + "\", MODE=\"0666\"");
            case BUSY ->
                new UsbPrinterException(
                        Reason.CANNOT_CLAIM,
                        failed + ": another program or driver holds the"
                                + " printer (a CUPS queue on the same printer, or another agent)");
            case NOT_SUPPORTED ->
                new UsbPrinterException(
                        Reason.CANNOT_CLAIM,
                        failed + ": the operating system's driver" + " for this device does not allow direct access");
            default -> new UsbPrinterException(Reason.TRANSFER_FAILED, failed);
        };
    }

    /**
     * A bulk transfer failed (timeouts are reported by the caller, which knows how far it got).
     *
     * @param done what had been done when it failed ("after 4096 of 10000 bytes")
     */
    static UsbPrinterException transferring(UsbDeviceId id, String direction, int code, String done) {
        UsbError error = UsbError.of(code);
        String failed = "USB printer " + id + ": " + direction + " failed" + (done.isEmpty() ? "" : " " + done) + " ("
                + error + ")";
        return switch (error) {
            // Unplugging mid-transfer shows as NO_DEVICE on Linux and often as IO on Windows.
            case NO_DEVICE, IO ->
                new UsbPrinterException(
                        Reason.DISCONNECTED, failed + ": the printer was unplugged, switched off, or lost its cable");
            default -> new UsbPrinterException(Reason.TRANSFER_FAILED, failed);
        };
    }
}
