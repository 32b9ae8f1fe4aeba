package io.printbridge.server.jobs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses a given share of the requests asked about, spread evenly (one in every {@code 1 / share},
 * never two in a row below one half) rather than drawn at random, so that a test can count them.
 * The share is worked out elsewhere, from a wait ({@link RefusalShare}).
 */
public final class EvenRefusals {

    /** A refusal owed, in millionths: a share is added at each request, a whole one refuses it. */
    private static final long WHOLE = 1_000_000;

    private final AtomicLong owed = new AtomicLong();

    /** Whether to refuse this request when {@code share} of them are to be (0 none, 1 or more all). */
    public boolean refuse(double share) {
        if (share <= 0) {
            return false;
        }
        if (share >= 1) {
            return true;
        }
        long units = Math.max(1, Math.round(share * WHOLE));
        long before = owed.getAndAdd(units);
        return (before + units) / WHOLE != before / WHOLE;
    }
}
