package io.printbridge.agent.printer.usb;

import org.jspecify.annotations.Nullable;
import org.usb4java.Context;
import org.usb4java.LibUsb;
import org.usb4java.LoaderException;

/**
 * The agent's one libusb session, started on first use. Loading usb4java's native library
 * happens here, the first time a USB printer is opened or listed, and never in an agent
 * without USB printers.
 */
final class LibUsbContext {

    private static @Nullable Context context;
    /** Why the first attempt failed: later attempts only say "Could not initialize class". */
    private static @Nullable UsbPrinterException failure;

    private LibUsbContext() {}

    /** The started session; the same failure every time when libusb cannot load on this machine. */
    static synchronized Context get() throws UsbPrinterException {
        if (context != null) {
            return context;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            Context started = new Context();
            int result = LibUsb.init(started);
            if (result != 0) {
                // Not remembered: libusb_init can fail for a passing reason (no USB subsystem yet at boot).
                throw UsbFailures.libusbUnavailable("libusb_init failed (" + UsbError.of(result) + ")");
            }
            context = started;
            return started;
        } catch (LoaderException | LinkageError e) {
            // LinkageError: the native library is missing or does not match this OS or CPU.
            String detail = e.getCause() != null ? e.getCause().toString() : e.toString();
            failure = UsbFailures.libusbUnavailable(detail, e);
            throw failure;
        }
    }
}
