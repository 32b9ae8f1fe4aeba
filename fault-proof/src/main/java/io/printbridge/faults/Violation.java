package io.printbridge.faults;

import static java.util.Objects.requireNonNull;

/** A broken promise, with the job it concerns and what was seen. */
public record Violation(Kind kind, String jobId, String detail) {

    /** Which promise. */
    public enum Kind {
        /** A job on paper (a drawer job: pulsed) more than once that the server did not call UNCERTAIN. */
        PRINTED_TWICE,
        /** A job the server called DONE that is not on paper (a drawer job: that never pulsed). */
        DONE_NOT_PRINTED,
        /** A job on paper that the server called EXPIRED or FAILED: the ERP was told it did not print. */
        PRINTED_BUT_REPORTED_NOT,
        /** A drawer pulse after the job's drawer deadline. */
        LATE_DRAWER,
        /** The drawer after a receipt pulsed more than once. */
        DRAWER_TWICE,
        /** The drawer pulsed for a receipt that never asked for it. */
        UNEXPECTED_DRAWER,
        /** The drawer pulsed, and the ERP was told it stayed shut (EXPIRED, NOT_OPENED…). */
        DRAWER_REPORTED_SHUT,
        /** The ERP was told the drawer OPENED, and no pulse reached the printer. */
        DRAWER_OPENED_NOT_PULSED,
        /** Two jobs made from one idempotency key. */
        SECOND_JOB_FOR_KEY,
        /** A copy or a pulse of a job the server never accepted. */
        UNKNOWN_JOB_PRINTED
    }

    public Violation {
        requireNonNull(kind, "kind");
        requireNonNull(jobId, "jobId");
        requireNonNull(detail, "detail");
    }
}
