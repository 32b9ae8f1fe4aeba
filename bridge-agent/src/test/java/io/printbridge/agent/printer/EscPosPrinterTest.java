package io.printbridge.agent.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.PrinterFailure.Reason;
import io.printbridge.agent.printer.PrinterStatus.State;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscPosPrinterTest {

    private final VirtualPrinter device = new VirtualPrinter();
    private final EscPosPrinter printer = new EscPosPrinter(
            new PrinterSettings(
                    "receipt",
                    true,
                    80,
                    "epson",
                    true,
                    true,
                    DrawerPin.PIN_2,
                    DrawerPulse.DEFAULT,
                    true,
                    false,
                    Duration.ofMillis(100)),
            new VirtualPrinterTransport(device),
            Clock.systemUTC());

    @Test
    void readyPrinterPrintsEveryByte() throws Exception {
        byte[] data = "Bonjour\n".getBytes();

        assertThat(printer.print(data, true)).isEqualTo(data.length);
        assertThat(device.printed()).isEqualTo(data);
    }

    @Test
    void paperOutRefusesBeforeTheFirstByte() {
        device.paperOut(true);

        assertThatThrownBy(() -> printer.print("x".getBytes(), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.PAPER_OUT))
                .hasMessage("paper out on printer receipt");
        device.paperOut(false);
        assertThat(device.printed()).isEmpty();
    }

    @Test
    void coverOpenRefusesWithThatReason() {
        device.coverOpen(true);

        assertThatThrownBy(() -> printer.print("x".getBytes(), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.COVER_OPEN));
    }

    @Test
    void printerThatNeverAnswersStatusIsUnknownWithinTheTimeoutNotAHang() {
        device.mute(true);

        PrinterStatus status = printer.status();

        assertThat(status.state()).isEqualTo(State.UNKNOWN);
        assertThat(status.detail()).isEqualTo("no answer to DLE EOT 1 within 100 ms");
    }

    @Test
    void mutePrinterStillGetsTheJobBecauseSilenceIsNotAFault() throws Exception {
        device.mute(true);

        printer.print("still prints\n".getBytes(), true);

        assertThat(new String(device.printed())).isEqualTo("still prints\n");
    }

    @Test
    void aPrinterThatAnsweredBeforeAndFallsSilentWhileOfflineGetsNeitherReceiptNorPulse() throws Exception {
        assertThat(printer.status().state()).isEqualTo(State.READY);
        device.mute(true).offline(true);

        assertThat(printer.status().state()).isEqualTo(State.OFFLINE);
        assertThatThrownBy(() -> printer.print("late receipt\n".getBytes(), true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE))
                .hasMessageContaining("answered status before and now gives no answer to DLE EOT 1");
        assertThatThrownBy(() -> printer.openDrawer(0, null, () -> true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE));
        device.mute(false).offline(false);
        assertThat(device.printed()).isEmpty();
        assertThat(device.drawerKicks()).isEmpty();

        assertThat(printer.print("back\n".getBytes(), true)).isEqualTo(5);
        assertThat(new String(device.printed())).isEqualTo("back\n");
    }

    @Test
    void drawerPulseUsesTheRequestedPinAndLength() throws Exception {
        printer.openDrawer(5, new DrawerPulse(Duration.ofMillis(80)), () -> true);

        assertThat(device.drawerKicks()).containsExactly(new VirtualPrinter.DrawerKick(5, Duration.ofMillis(80)));
    }

    @Test
    void drawerWithoutPinOrPulseUsesThePrintersConfiguredOnes() throws Exception {
        EscPosPrinter pin5 = new EscPosPrinter(
                new PrinterSettings(
                        "receipt",
                        true,
                        80,
                        "epson",
                        true,
                        true,
                        DrawerPin.PIN_5,
                        new DrawerPulse(Duration.ofMillis(60)),
                        true,
                        false,
                        Duration.ofMillis(100)),
                new VirtualPrinterTransport(device),
                Clock.systemUTC());

        pin5.openDrawer(0, null, () -> true);

        assertThat(device.drawerKicks()).containsExactly(new VirtualPrinter.DrawerKick(5, Duration.ofMillis(60)));
    }

    @Test
    void drawerWhoseDeadlinePassedDuringTheStatusCheckIsNeverPulsed() {
        // The status check before ESC p takes a moment; the deadline is asked after it, right before the write.
        assertThatThrownBy(() -> printer.openDrawer(0, null, () -> false))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.LATE));
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void drawerIsNotQueuedOnAnOfflinePrinter() {
        device.offline(true);

        assertThatThrownBy(() -> printer.openDrawer(0, DrawerPulse.DEFAULT, () -> true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE));
        device.offline(false);
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void drawerIsNotQueuedOnAPrinterOutOfPaperOrOpenWhichIsOfflineToo() {
        // Paper out and cover open take the printer offline: ESC p would wait in its buffer and
        // open the drawer whenever paper is loaded or the cover shut, late.
        device.paperOut(true);
        assertThatThrownBy(() -> printer.openDrawer(0, DrawerPulse.DEFAULT, () -> true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE));
        device.paperOut(false).coverOpen(true);
        assertThatThrownBy(() -> printer.openDrawer(0, DrawerPulse.DEFAULT, () -> true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.OFFLINE));
        device.coverOpen(false);
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void drawerPinOtherThanTwoOrFiveIsAnInvalidArgument() {
        assertThatThrownBy(() -> printer.openDrawer(3, DrawerPulse.DEFAULT, () -> true))
                .isInstanceOfSatisfying(
                        PrinterFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
                .hasMessage("drawer pin: 3 (expected: 2 or 5)");
    }

    @Test
    void pulseOutsideTheSafeDutyCycleIsRefused() {
        assertThatThrownBy(() -> new DrawerPulse(Duration.ofMillis(400)))
                .hasMessage("drawer pulse: 400 ms (expected: 20 to 250 ms)");
    }
}
