package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockEndpoint;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One configured clock.
 *
 * @param zone the zone of the clock's local times (the store's)
 * @param checkInterval how often the clock's record count and time are read: a count above what
 *     the server acknowledged starts a read of the log (punches the live feed missed)
 * @param fullReadInterval how often the whole log is read even when the counts agree
 */
public record ClockSettings(
        String name, ClockEndpoint endpoint, ZoneId zone, Duration checkInterval, Duration fullReadInterval) {

    public ClockSettings {
        requireNonNull(name, "name");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(zone, "zone");
        requireNonNull(checkInterval, "checkInterval");
        requireNonNull(fullReadInterval, "fullReadInterval");
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(
                    "clock " + name + ": check interval " + checkInterval + " (expected: more than zero)");
        }
    }

    public static ClockSettings of(String name, ClockEndpoint endpoint, ZoneId zone) {
        return new ClockSettings(name, endpoint, zone, Duration.ofMinutes(1), Duration.ofHours(24));
    }
}
