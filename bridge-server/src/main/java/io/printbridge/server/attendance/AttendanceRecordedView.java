package io.printbridge.server.attendance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The {@code attendance.recorded} event, live and by webhook: new punches of one clock, in one batch. */
@Schema(name = "AttendanceRecorded", description = "Punches of one clock stored for the first time.")
public record AttendanceRecordedView(String event, String store, String clock, int count, List<StoredPunch> punches) {

    public static final String EVENT = "attendance.recorded";

    public static AttendanceRecordedView of(String store, String clock, List<StoredPunch> punches) {
        return new AttendanceRecordedView(EVENT, store, clock, punches.size(), punches);
    }
}
