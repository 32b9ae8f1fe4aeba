package io.printbridge.server.grpc;

import java.util.HashMap;
import java.util.Map;

/**
 * How many Enroll calls the server takes per minute: from all addresses together, and from one IP
 * address. Enrolling is rare (a shop once, and again after a reinstall), so a few a minute is
 * plenty; the limit keeps a guesser, or a flood, from filling the audit log and the CA's time.
 * Fixed one-minute windows; at most {@link #MAX_ADDRESSES} addresses are counted in a window, and
 * others are refused until the next one. Time comes from the caller. Thread-safe.
 */
final class EnrolmentRateLimit {

    /** Addresses counted in one window: beyond, a flood from many addresses is refused until the next. */
    static final int MAX_ADDRESSES = 10_000;

    private static final long MINUTE_NANOS = 60_000_000_000L;

    /** Whether a call was taken, and if not, which limit refused it. */
    enum Decision {
        TAKEN,
        TOO_MANY_FROM_ADDRESS,
        TOO_MANY_OVERALL
    }

    private final int perMinute;
    private final int perMinutePerAddress;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private long windowStart = Long.MIN_VALUE;
    private int total;

    EnrolmentRateLimit(int perMinute, int perMinutePerAddress) {
        if (perMinute < 1 || perMinutePerAddress < 1) {
            throw new IllegalArgumentException("enrolment limits: " + perMinute + " per minute, " + perMinutePerAddress
                    + " per address (expected: at least 1 each)");
        }
        this.perMinute = perMinute;
        this.perMinutePerAddress = perMinutePerAddress;
    }

    synchronized Decision take(String address, long nowNanos) {
        if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= MINUTE_NANOS) {
            windowStart = nowNanos;
            total = 0;
            byAddress.clear();
        }
        Integer fromAddress = byAddress.get(address);
        int count = fromAddress == null ? 0 : fromAddress;
        if (count >= perMinutePerAddress || (fromAddress == null && byAddress.size() >= MAX_ADDRESSES)) {
            return Decision.TOO_MANY_FROM_ADDRESS;
        }
        if (total >= perMinute) {
            return Decision.TOO_MANY_OVERALL;
        }
        byAddress.put(address, count + 1);
        total++;
        return Decision.TAKEN;
    }
}
