package io.printbridge.agent.printer.usb;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;
import org.junit.jupiter.api.Test;
import org.usb4java.LibUsb;

/** libusb error codes to the reason and advice a technician reads. */
class UsbFailuresTest {

    private static final UsbDeviceId ID = new UsbDeviceId(0x0471, 0x0055);

    @Test
    void errorTableMatchesLibusbNumbers() {
        // LibUsb's codes are compile-time constants: javac copies the numbers in, so this test does not load libusb.
        assertThat(UsbError.IO.code()).isEqualTo(LibUsb.ERROR_IO);
        assertThat(UsbError.ACCESS.code()).isEqualTo(LibUsb.ERROR_ACCESS);
        assertThat(UsbError.NO_DEVICE.code()).isEqualTo(LibUsb.ERROR_NO_DEVICE);
        assertThat(UsbError.NOT_FOUND.code()).isEqualTo(LibUsb.ERROR_NOT_FOUND);
        assertThat(UsbError.BUSY.code()).isEqualTo(LibUsb.ERROR_BUSY);
        assertThat(UsbError.TIMEOUT.code()).isEqualTo(LibUsb.ERROR_TIMEOUT);
        assertThat(UsbError.PIPE.code()).isEqualTo(LibUsb.ERROR_PIPE);
        assertThat(UsbError.NOT_SUPPORTED.code()).isEqualTo(LibUsb.ERROR_NOT_SUPPORTED);
        assertThat(UsbError.OTHER.code()).isEqualTo(LibUsb.ERROR_OTHER);
    }

    @Test
    void unknownCodeIsOther() {
        assertThat(UsbError.of(-42)).isEqualTo(UsbError.OTHER);
    }

    @Test
    void deviceNotFoundNamesTheIds() {
        UsbPrinterException e = UsbFailures.notFound(ID);

        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e)
                .hasMessage("USB printer 0471:0055 not found: no connected device has that vendor:product id"
                        + " (is it plugged in and switched on?)");
    }

    @Test
    void accessDeniedOnLinuxSuggestsAUdevRuleForThisDevice() {
        UsbPrinterException e = UsbFailures.opening(ID, "open", LibUsb.ERROR_ACCESS, false);

        assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
        assertThat(e)
                .hasMessage("USB printer 0471:0055: open failed (LIBUSB_ERROR_ACCESS: access denied (insufficient"
                        + " permissions)): this user may not open the device; grant access with a udev rule such as"
                        + " SUBSYSTEM==\"usb\", ATTR{idVendor}==\"0471\", ATTR{idProduct}==\"0055\", MODE=\"0666\"");
    }

    @Test
    void printerOnAnotherDriverOnWindowsSaysToInstallWinUsbWithZadigAndWhatThatCosts() {
        UsbPrinterException e = UsbFailures.opening(ID, "open", LibUsb.ERROR_NOT_SUPPORTED, true);

        assertThat(e.reason()).isEqualTo(Reason.CANNOT_CLAIM);
        assertThat(e)
                .hasMessage("USB printer 0471:0055 is present but cannot be claimed (LIBUSB_ERROR_NOT_SUPPORTED:"
                        + " operation not supported or unimplemented on this platform): install the WinUSB driver with Zadig;"
                        + " note that the printer then no longer appears in Windows printers (to keep the vendor driver,"
                        + " use the spooler transport instead)");
    }

    @Test
    void accessDeniedOnWindowsIsAlsoTheDriverQuestion() {
        UsbPrinterException e = UsbFailures.opening(ID, "claim interface 0", LibUsb.ERROR_ACCESS, true);

        assertThat(e.reason()).isEqualTo(Reason.CANNOT_CLAIM);
        assertThat(e.getMessage()).contains("Zadig");
    }

    @Test
    void busyInterfaceOnLinuxNamesWhoMayHoldIt() {
        UsbPrinterException e = UsbFailures.opening(ID, "claim interface 0", LibUsb.ERROR_BUSY, false);

        assertThat(e.reason()).isEqualTo(Reason.CANNOT_CLAIM);
        assertThat(e.getMessage())
                .endsWith("another program or driver holds the printer (a CUPS queue on the same"
                        + " printer, or another agent)");
    }

    @Test
    void deviceGoneWhileOpeningIsDisconnected() {
        assertThat(UsbFailures.opening(ID, "claim interface 0", LibUsb.ERROR_NO_DEVICE, true)
                        .reason())
                .isEqualTo(Reason.DISCONNECTED);
    }
}
