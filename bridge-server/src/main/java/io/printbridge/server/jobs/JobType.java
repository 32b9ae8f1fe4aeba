package io.printbridge.server.jobs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** What a job asks the printer to do, with how long it stays worth doing by default. */
public enum JobType {
    /** Bytes already in ESC/POS, printed as they are. */
    RAW("raw", Duration.ofHours(4), 1),
    /** An invoice rendered by erp-core for the store's printer. */
    INVOICE("invoice", Duration.ofHours(4), 1),
    /**
     * Pulse the cash drawer. A drawer that opens long after the cashier asked is worse than none
     * ({@code bridge.jobs.drawer-time-to-live} replaces this default).
     */
    DRAWER("drawer", Duration.ofSeconds(15), 0),
    /** Read the printer's status. */
    STATUS("status", Duration.ofSeconds(30), 0),
    /** Read an attendance clock's info (contract revision 4, like every clock job). */
    CLOCK_INFO("clock-info", Duration.ofMinutes(2), 0),
    /** Set an attendance clock to the server's time. */
    CLOCK_TIME("clock-time", Duration.ofMinutes(2), 0),
    /** Add or update an employee on a clock. */
    EMPLOYEE_PUSH("employee-push", Duration.ofHours(4), 1),
    /** Remove an employee from a clock. */
    EMPLOYEE_REMOVE("employee-remove", Duration.ofHours(4), 1),
    /** Clear a clock's attendance log, guarded: only if the server stored every record in it. */
    ATTENDANCE_CLEAR("attendance-clear", Duration.ofMinutes(10), 1);

    private final String wireName;
    private final Duration defaultTimeToLive;
    /** Lower goes first: a drawer or status request does not wait behind a backlog of prints. */
    private final int priority;

    JobType(String wireName, Duration defaultTimeToLive, int priority) {
        this.wireName = wireName;
        this.defaultTimeToLive = defaultTimeToLive;
        this.priority = priority;
    }

    public String wireName() {
        return wireName;
    }

    public Duration defaultTimeToLive() {
        return defaultTimeToLive;
    }

    public int priority() {
        return priority;
    }

    /** Whether the job is for an attendance clock: its device name is a clock's, not a printer's. */
    public boolean forClock() {
        return this == CLOCK_INFO
                || this == CLOCK_TIME
                || this == EMPLOYEE_PUSH
                || this == EMPLOYEE_REMOVE
                || this == ATTENDANCE_CLEAR;
    }

    public static Optional<JobType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
