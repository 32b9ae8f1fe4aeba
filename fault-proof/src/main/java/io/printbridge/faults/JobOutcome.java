package io.printbridge.faults;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A job the server accepted (answered 201), as the ERP recorded it and as the server ended it.
 *
 * @param idempotencyKey the key the ERP sent it with, on every retry of the same request
 * @param drawerJob a drawer job: what it leaves behind is a pulse, not paper, so its pulses are
 *     its copies
 * @param state the state the server last reported (QUEUED, SENT while still pending at the end)
 * @param drawer what the server said of the drawer after a receipt ({@code OPENED},
 *     {@code EXPIRED}…), null when the job asked for none or is a drawer job
 * @param drawerDeadline for a job that asked for the drawer: creation plus the drawer's time to
 *     live; a pulse after it breaks the promise
 */
public record JobOutcome(
        String jobId,
        String storeId,
        String idempotencyKey,
        Instant acceptedAt,
        boolean drawerJob,
        String state,
        @Nullable String drawer,
        @Nullable Instant drawerDeadline) {

    /** The states that end a job. */
    static final Set<String> FINAL = Set.of("DONE", "FAILED", "EXPIRED", "UNCERTAIN");

    /** Drawer outcomes that tell the ERP the drawer stayed shut. */
    static final Set<String> DRAWER_SHUT = Set.of("EXPIRED", "NOT_OPENED", "NO_DRAWER", "FAILED");

    public JobOutcome {
        requireNonNull(jobId, "jobId");
        requireNonNull(storeId, "storeId");
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(acceptedAt, "acceptedAt");
        requireNonNull(state, "state");
    }

    /** A print job whose drawer outcome was not recorded. */
    public JobOutcome(
            String jobId,
            String storeId,
            String idempotencyKey,
            Instant acceptedAt,
            String state,
            @Nullable Instant drawerDeadline) {
        this(jobId, storeId, idempotencyKey, acceptedAt, false, state, null, drawerDeadline);
    }

    boolean isFinal() {
        return FINAL.contains(state);
    }
}
