package io.printbridge.faults;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A drawer pulse a printer received, on the printer's own clock, and the job it belongs to (the
 * receipt whose bytes came just before it, or the drawer job itself).
 */
public record DrawerPulse(String jobId, String printer, Instant at) {

    public DrawerPulse {
        requireNonNull(jobId, "jobId");
        requireNonNull(printer, "printer");
        requireNonNull(at, "at");
    }
}
