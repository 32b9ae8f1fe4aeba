package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import java.util.List;

/**
 * How much of a clock's log the server has acknowledged as stored: its first {@code count}
 * records, the last of which has key {@code lastKey}, on the clock with this serial number. A
 * clock's log only grows until it is cleared, so the check of the last key tells a log that grew
 * from one that was cleared (or a clock that was swapped) and refilled.
 */
record ReadCursor(String serial, int count, String lastKey) {

    static final ReadCursor NONE = new ReadCursor("", 0, "");

    ReadCursor {
        requireNonNull(serial, "serial");
        requireNonNull(lastKey, "lastKey");
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: 0 or more)");
        }
    }

    /**
     * Where in {@code log} (of the clock {@code serialNumber}) the records the server may not
     * have start: after the acknowledged ones when the log still begins with them, else at 0
     * (everything is sent again; the server keeps each punch once).
     */
    int startIn(String serialNumber, List<ClockRecord> log) {
        if (count == 0 || !serial.equals(serialNumber) || log.size() < count) {
            return 0;
        }
        return PunchKey.of(log.get(count - 1)).equals(lastKey) ? count : 0;
    }

    /** Whether the server has acknowledged every record of {@code log}. */
    boolean covers(String serialNumber, List<ClockRecord> log) {
        return log.isEmpty() || (startIn(serialNumber, log) == log.size());
    }

    static ReadCursor after(String serial, List<ClockRecord> log, int end) {
        return end == 0 ? new ReadCursor(serial, 0, "") : new ReadCursor(serial, end, PunchKey.of(log.get(end - 1)));
    }
}
