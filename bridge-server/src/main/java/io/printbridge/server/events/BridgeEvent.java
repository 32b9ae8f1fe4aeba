package io.printbridge.server.events;

import io.printbridge.server.attendance.StoredPunch;
import io.printbridge.server.jobs.Job;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Something that happened, as live views and webhooks see it. */
public sealed interface BridgeEvent {

    /** The store the event concerns: subscribers only ever see their own stores' events. */
    String storeId();

    Instant at();

    /** A job was created or changed state. */
    record JobChanged(Job job, Instant at) implements BridgeEvent {
        @Override
        public String storeId() {
            return job.storeId();
        }
    }

    /** A store's agent connected or disconnected, or one of its printers changed status. */
    record StoreChanged(String storeId, boolean online, String detail, Instant at) implements BridgeEvent {}

    /** New punches of one clock were stored (a batch: duplicates of punches already held are not in it). */
    record AttendanceRecorded(String storeId, String clock, List<StoredPunch> punches, Instant at)
            implements BridgeEvent {}

    /**
     * A clock's state changed ({@code clock.status}), or its time drifted past the limit or came
     * back within it ({@code clock.drift}).
     *
     * @param driftSeconds the clock's time minus the server's at its last read; null if unknown
     */
    record ClockChanged(
            String storeId,
            String clock,
            String event,
            String state,
            String detail,
            @Nullable Long driftSeconds,
            Instant at)
            implements BridgeEvent {}
}
