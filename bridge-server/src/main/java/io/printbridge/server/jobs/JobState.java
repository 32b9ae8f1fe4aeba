package io.printbridge.server.jobs;

/** Where a job is in its life. DONE, FAILED, EXPIRED and UNCERTAIN are final. */
public enum JobState {
    /** Stored, waiting for the store's agent (connected or not). */
    QUEUED,
    /** Sent down the store's stream; no result yet. */
    SENT,
    /** The agent executed it. */
    DONE,
    /** The agent could not execute it, and said why. */
    FAILED,
    /** Its time to live ran out before it could be executed: it never will be. */
    EXPIRED,
    /**
     * The agent may or may not have executed it (it stopped mid-job, or the result was lost) and
     * nobody can know: shown as such, never silently retried as a new print.
     */
    UNCERTAIN;

    public boolean isFinal() {
        return this == DONE || this == FAILED || this == EXPIRED || this == UNCERTAIN;
    }
}
