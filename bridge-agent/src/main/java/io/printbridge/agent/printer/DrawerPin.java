package io.printbridge.agent.printer;

/** The drawer kick-out connector pin the drawer is wired to. */
public enum DrawerPin {
    PIN_2,
    PIN_5;

    /** Reads 2 or 5, or throws naming the value. */
    public static DrawerPin of(int pin) {
        return switch (pin) {
            case 2 -> PIN_2;
            case 5 -> PIN_5;
            default -> throw new IllegalArgumentException("drawer pin: " + pin + " (expected: 2 or 5)");
        };
    }
}
