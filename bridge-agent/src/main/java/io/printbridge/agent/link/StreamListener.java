package io.printbridge.agent.link;

import io.printbridge.proto.v1.AttendanceRefused;
import io.printbridge.proto.v1.AttendanceStored;

/**
 * Hears what happens to the link's streams beyond commands: the attendance clocks' reader needs to
 * know when a stream is welcomed (read the clocks again: punches made while the link was down are
 * only in their logs) and when the server answers a batch. Called on the link's threads: do not
 * block.
 */
public interface StreamListener {

    /** A stream was welcomed by a server of this protocol revision. */
    default void welcomed(int serverRevision) {}

    /** The current stream ended; answers to what was sent on it will not come. */
    default void ended() {}

    default void attendanceStored(AttendanceStored stored) {}

    default void attendanceRefused(AttendanceRefused refused) {}
}
