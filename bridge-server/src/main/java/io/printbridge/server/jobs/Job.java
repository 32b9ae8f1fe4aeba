package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.PrinterStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A print, drawer or status request for one store, from the ERP's call to its final state.
 * Immutable: each change makes a new value with one more entry in {@link #history()}.
 *
 * @param printer the agent's printer name; empty for its default printer
 * @param expiresAt after this the job is never executed
 * @param acknowledged whether the agent confirmed receipt of the current delivery
 * @param deliveries how many times it went down a stream
 * @param printerStatus the printer's status the agent reported with the result
 */
public record Job(
        String id,
        String storeId,
        JobType type,
        String printer,
        JobPayload payload,
        JobState state,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        boolean acknowledged,
        int deliveries,
        long bytesWritten,
        @Nullable JobError error,
        @Nullable PrinterStatus printerStatus,
        String requestedBy,
        List<JobTransition> history) {

    public Job {
        requireNonNull(id, "id");
        requireNonNull(storeId, "storeId");
        history = List.copyOf(history);
    }

    public static Job queued(String id, String storeId, JobType type, String printer, JobPayload payload,
            Instant now, Instant expiresAt, String requestedBy) {
        return new Job(id, storeId, type, printer, payload, JobState.QUEUED, now, now, expiresAt, false, 0, 0, null, null,
                requestedBy, List.of(new JobTransition(JobState.QUEUED, now, "accepted from " + requestedBy)));
    }

    /** This job in {@code next} state, with the reason in its history. */
    public Job to(JobState next, Instant at, String reason) {
        List<JobTransition> steps = new ArrayList<>(history);
        steps.add(new JobTransition(next, at, reason));
        return new Job(id, storeId, type, printer, payload, next, createdAt, at, expiresAt,
                next == JobState.SENT ? false : acknowledged, next == JobState.SENT ? deliveries + 1 : deliveries,
                bytesWritten, error, printerStatus, requestedBy, steps);
    }

    public Job withError(JobError failure) {
        return new Job(id, storeId, type, printer, payload, state, createdAt, updatedAt, expiresAt, acknowledged, deliveries,
                bytesWritten, failure, printerStatus, requestedBy, history);
    }

    public Job withOutcome(long written, @Nullable PrinterStatus status) {
        return new Job(id, storeId, type, printer, payload, state, createdAt, updatedAt, expiresAt, acknowledged, deliveries,
                written, error, status, requestedBy, history);
    }

    public Job acknowledged(Instant at) {
        return new Job(id, storeId, type, printer, payload, state, createdAt, at, expiresAt, true, deliveries,
                bytesWritten, error, printerStatus, requestedBy, history);
    }

    public @Nullable Instant sentAt() {
        return lastEntered(JobState.SENT);
    }

    public @Nullable Instant finishedAt() {
        return state.isFinal() ? updatedAt : null;
    }

    private @Nullable Instant lastEntered(JobState wanted) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).state() == wanted) {
                return history.get(i).at();
            }
        }
        return null;
    }
}
