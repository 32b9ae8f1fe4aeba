package io.printbridge.agent.clock;

import static java.util.Objects.requireNonNull;

import java.time.LocalDateTime;

/**
 * One punch as the clock holds it: the employee's user id, the clock's local time (the clock
 * knows no zone), its attendance status, punch field and verification method. With the clock's
 * serial number, (userId, localTime, status, punchType) is the punch's key.
 */
public record ClockRecord(String userId, LocalDateTime localTime, int status, int punchType, int verifyMethod) {

    public ClockRecord {
        requireNonNull(userId, "userId");
        requireNonNull(localTime, "localTime");
    }
}
