package io.printbridge.faults;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job the server accepted (answered 201), as the ERP recorded it and as the server ended it.
 *
 * @param idempotencyKey the key the ERP sent it with, on every retry of the same request
 * @param state the state the server last reported (QUEUED, SENT while still pending at the end)
 * @param drawerDeadline for a job that asked for the drawer: creation plus the drawer's time to
 *     live; a pulse after it breaks the promise
 */
public record JobOutcome(
        String jobId,
        String storeId,
        String idempotencyKey,
        Instant acceptedAt,
        String state,
        @Nullable Instant drawerDeadline) {

    /** The states that end a job. */
    static final java.util.Set<String> FINAL = java.util.Set.of("DONE", "FAILED", "EXPIRED", "UNCERTAIN");

    public JobOutcome {
        requireNonNull(jobId, "jobId");
        requireNonNull(storeId, "storeId");
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(acceptedAt, "acceptedAt");
        requireNonNull(state, "state");
    }

    boolean isFinal() {
        return FINAL.contains(state);
    }
}
