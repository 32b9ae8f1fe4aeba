package io.printbridge.server.live;

import java.util.HashMap;
import java.util.Map;

/**
 * How many live streams one reader (an API token, a dashboard user) holds open at once: at most
 * {@code bridge.live.max-streams-per-reader}. Each stream is a connection of the REST port held for
 * hours, and the port holds a bounded number of them ({@code RestConnectionLimit}): without this, one
 * integration that opens a stream per screen and never closes them (or one stolen token) would hold
 * every place, and the ERP's next print would be answered 503. Thread-safe.
 */
final class LiveStreamQuota {

    private final int maxPerReader;
    /** Streams open per reader; a reader with none has no entry. Guarded by this. */
    private final Map<String, Integer> open = new HashMap<>();

    LiveStreamQuota(int maxPerReader) {
        if (maxPerReader < 1) {
            throw new IllegalArgumentException(
                    "bridge.live.max-streams-per-reader: " + maxPerReader + " (expected: 1 or more)");
        }
        this.maxPerReader = maxPerReader;
    }

    /** One more stream for {@code reader}, to be {@link #release}d once: refused at the quota. */
    synchronized void acquire(String reader) {
        int held = open.getOrDefault(reader, 0);
        if (held >= maxPerReader) {
            throw new TooManyStreamsException(reader + " holds " + held + " live event streams open already"
                    + " (expected: at most " + maxPerReader + " at once, bridge.live.max-streams-per-reader:"
                    + " close one, or share one stream for all your stores)");
        }
        open.put(reader, held + 1);
    }

    synchronized void release(String reader) {
        open.computeIfPresent(reader, (name, held) -> held > 1 ? held - 1 : null);
    }

    synchronized int held(String reader) {
        return open.getOrDefault(reader, 0);
    }

    int maxPerReader() {
        return maxPerReader;
    }
}
