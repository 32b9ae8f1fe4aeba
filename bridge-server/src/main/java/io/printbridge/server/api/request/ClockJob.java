package io.printbridge.server.api.request;

import org.jspecify.annotations.Nullable;

/**
 * A job for one of the store's attendance clocks: its device is the clock it names. Needs the
 * {@code attendance} scope.
 */
public sealed interface ClockJob extends JobBody
        permits ClockInfoJob, ClockTimeJob, AttendanceClearJob, EmployeePushJob, EmployeeRemoveJob {

    /** The clock's name; null or empty for the store's only clock. */
    @Nullable
    String clock();

    @Override
    default @Nullable String printer() {
        return clock();
    }
}
