package io.printbridge.agent.printer.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.agent.printer.PrinterStatus.State;
import io.printbridge.agent.printer.PrinterTransport;
import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real libusb of this machine, without a printer attached: the paths that need no
 * device. Skipped, saying why, where libusb's native library does not load.
 */
class UsbLibusbTest {

    /** No vendor has this id: 0xFFFF is reserved. */
    private static final int ABSENT_VENDOR = 0xFFFF;

    private static final int ABSENT_PRODUCT = 0xFFFE;

    @BeforeAll
    static void libusbLoads() {
        try {
            LibUsbContext.get();
        } catch (UsbPrinterException e) {
            Assumptions.abort(
                    "libusb does not load on this machine, so the tests that call it are skipped: " + e.getMessage());
        }
    }

    @Test
    void listingPrintersWorksAndListsOnlyPrinters() throws Exception {
        assertThat(UsbPrinters.list())
                .allSatisfy(printer -> assertThat(printer.id()).isNotNull());
    }

    @Test
    void absentPrinterIsNotFoundNamingItsIdsOnEveryCall() {
        try (PrinterTransport transport = UsbTransports.open(ABSENT_VENDOR, ABSENT_PRODUCT, Duration.ofSeconds(1))) {
            for (int call = 0; call < 2; call++) {
                assertThatThrownBy(() -> transport.write(new byte[] {'x'}))
                        .isInstanceOfSatisfying(
                                UsbPrinterException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                        .hasMessageStartingWith("USB printer ffff:fffe not found");
            }
        }
    }

    @Test
    void absentPrinterIsOfflineInItsStatus() {
        try (EscPosPrinter printer = new EscPosPrinter(
                PrinterSettings.receipt("receipt", true),
                UsbTransports.open(ABSENT_VENDOR, ABSENT_PRODUCT, Duration.ofSeconds(1)),
                Clock.systemUTC())) {
            PrinterStatus status = printer.status();

            assertThat(status.state()).isEqualTo(State.OFFLINE);
            assertThat(status.detail()).startsWith("usb ffff:fffe: USB printer ffff:fffe not found");
        }
    }
}
