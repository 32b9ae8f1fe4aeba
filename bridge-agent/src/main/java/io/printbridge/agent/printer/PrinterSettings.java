package io.printbridge.agent.printer;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One configured printer: what it is called, what paper and code pages it has, and how its
 * cash drawer is wired. Reported to the server in the Hello so it renders for this printer.
 *
 * @param drawerPin the connector pin the drawer is wired to; the pulse after a receipt and a
 *     drawer command that names no pin use it
 * @param drawerPulse how long the drawer's solenoid is driven when nobody says otherwise
 */
public record PrinterSettings(
        String name,
        boolean isDefault,
        int paperWidthMm,
        String codePageProfile,
        boolean arabicCodePage,
        boolean hasDrawer,
        DrawerPin drawerPin,
        DrawerPulse drawerPulse,
        boolean drawerOpenWhenHigh,
        boolean realtimeDrawerPulse,
        Duration statusTimeout) {

    public PrinterSettings {
        requireNonNull(name, "name");
        requireNonNull(drawerPin, "drawerPin");
        requireNonNull(drawerPulse, "drawerPulse");
        requireNonNull(statusTimeout, "statusTimeout");
        if (paperWidthMm != 58 && paperWidthMm != 80) {
            throw new IllegalArgumentException(
                    "printer " + name + ": paper width " + paperWidthMm + " mm (expected: 58 or 80)");
        }
    }

    /** An 80 mm Epson-numbered printer with a drawer on pin 2: the usual shop setup. */
    public static PrinterSettings receipt(String name, boolean isDefault) {
        return new PrinterSettings(
                name,
                isDefault,
                80,
                "epson",
                true,
                true,
                DrawerPin.PIN_2,
                DrawerPulse.DEFAULT,
                true,
                false,
                Duration.ofMillis(500));
    }

    /** Characters per line in font A. */
    public int columns() {
        return paperWidthMm == 58 ? 32 : 48;
    }

    /** Printable dots per line at 203 dpi. */
    public int dotsPerLine() {
        return paperWidthMm == 58 ? 384 : 576;
    }
}
