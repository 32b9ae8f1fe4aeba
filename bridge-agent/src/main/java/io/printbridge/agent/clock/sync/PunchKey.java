package io.printbridge.agent.clock.sync;

import io.printbridge.agent.clock.ClockRecord;

/**
 * A punch's identity within one clock's log, as the server keys it (with the clock's serial):
 * user id, local time, status and punch field. The verification method is not part of it: the
 * same punch read twice is the same punch however it is reported.
 */
final class PunchKey {

    private PunchKey() {}

    static String of(ClockRecord record) {
        return record.userId() + "|" + record.localTime() + "|" + record.status() + "|" + record.punchType();
    }
}
