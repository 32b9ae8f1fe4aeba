package io.printbridge.agent.printer;

import java.time.Duration;

/**
 * A drawer solenoid pulse kept inside the safe duty cycle: ON between {@link #MIN_ON} and
 * {@link #MAX_ON}, and OFF at least as long as ON so the solenoid cools (drawer makers ask
 * for a duty cycle of 50% or less; a longer pulse does not open a drawer any better).
 */
public record DrawerPulse(Duration on) {

    public static final Duration MIN_ON = Duration.ofMillis(20);
    public static final Duration MAX_ON = Duration.ofMillis(250);
    public static final DrawerPulse DEFAULT = new DrawerPulse(Duration.ofMillis(100));

    public DrawerPulse {
        if (on.compareTo(MIN_ON) < 0 || on.compareTo(MAX_ON) > 0) {
            throw new IllegalArgumentException("drawer pulse: " + on.toMillis() + " ms (expected: " + MIN_ON.toMillis()
                    + " to " + MAX_ON.toMillis() + " ms)");
        }
    }

    /** The requested pulse, or the default when {@code millis} is 0 (field not set). */
    public static DrawerPulse ofMillis(long millis) {
        return millis == 0 ? DEFAULT : new DrawerPulse(Duration.ofMillis(millis));
    }

    /** t1 of {@code ESC p}: ON time in 2 ms units. */
    int onUnits2ms() {
        return (int) (on.toMillis() / 2);
    }

    /** t2 of {@code ESC p}: OFF time in 2 ms units, twice the ON time (capped by the byte). */
    int offUnits2ms() {
        return Math.min(255, onUnits2ms() * 2);
    }

    /** t of {@code DLE DC4 1 m t}: pulse in 100 ms units, 1 to 8. */
    int units100ms() {
        return (int) Math.max(1, Math.min(8, Math.round(on.toMillis() / 100.0)));
    }
}
