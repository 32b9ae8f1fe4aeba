package io.printbridge.agent.printer;

/**
 * The few ESC/POS commands the agent itself sends: status queries and the drawer pulse.
 * Everything that goes on paper is rendered by the server (erp-core) and arrives as bytes.
 */
public final class EscPos {

    public static final byte DLE = 0x10;
    public static final byte EOT = 0x04;
    public static final byte DC4 = 0x14;
    public static final byte ESC = 0x1B;

    private EscPos() {}

    /** {@code DLE EOT n}: real-time status transmission; n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor. */
    public static byte[] realTimeStatus(int n) {
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("DLE EOT n: " + n + " (expected: 1 to 4)");
        }
        return new byte[] {DLE, EOT, (byte) n};
    }

    /**
     * {@code ESC p m t1 t2}: generate pulse on connector pin 2 (m=0) or 5 (m=1), ON for t1×2 ms
     * and OFF for t2×2 ms.
     */
    public static byte[] drawerPulse(DrawerPin pin, DrawerPulse pulse) {
        return new byte[] {
            ESC, 'p', (byte) (pin == DrawerPin.PIN_2 ? 0 : 1), (byte) pulse.onUnits2ms(), (byte) pulse.offUnits2ms()
        };
    }

    /**
     * {@code DLE DC4 1 m t}: real-time pulse on pin 2 (m=0) or 5 (m=1) for t×100 ms; executed at
     * once even when the printer is busy or offline, on printers whose profile supports it.
     */
    public static byte[] realTimeDrawerPulse(DrawerPin pin, DrawerPulse pulse) {
        return new byte[] {DLE, DC4, 1, (byte) (pin == DrawerPin.PIN_2 ? 0 : 1), (byte) pulse.units100ms()};
    }
}
