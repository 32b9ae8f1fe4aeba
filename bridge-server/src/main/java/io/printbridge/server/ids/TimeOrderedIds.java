package io.printbridge.server.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Row ids that sort in the order they were made: UUID version 7 (RFC 9562), a millisecond
 * timestamp in the high bits, then a counter that keeps ids of the same millisecond in order,
 * then random bits. A database appends such ids at the end of its primary-key index instead of
 * scattering them over it, so a commit of many new jobs touches a few index pages rather than
 * one page per job (for H2 that is what each commit writes to its file).
 *
 * <p>They are not secrets: an id tells when its job was created. Access to a job is decided by
 * the API token, not by knowing its id.
 */
public final class TimeOrderedIds {

    private static final int COUNTER_BITS = 12;
    private static final TimeOrderedIds SHARED = new TimeOrderedIds(System::currentTimeMillis);

    private final LongSupplier clockMillis;
    private long lastMillis;
    private int counter;

    TimeOrderedIds(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** A new id, as the lowercase string form of a version 7 UUID. */
    public static String next() {
        return SHARED.nextId().toString();
    }

    synchronized UUID nextId() {
        long now = clockMillis.getAsLong();
        if (now > lastMillis) {
            lastMillis = now;
            // A random start leaves room to count up and keeps ids of one millisecond hard to guess.
            counter = ThreadLocalRandom.current().nextInt(1 << (COUNTER_BITS - 1));
        } else if (++counter >= 1 << COUNTER_BITS) {
            // More ids this millisecond than the counter holds (or the clock went back): borrow the next one.
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis << 16) | 0x7000L | counter;
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
