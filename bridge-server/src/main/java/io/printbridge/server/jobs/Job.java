package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.PrinterStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A print, drawer or status request for one store, from the ERP's call to its final state.
 * Immutable: each change makes a new value. {@link #lastTransition()} is the step that produced
 * this value; the store appends it to the job's history.
 *
 * <p>{@code steps} are the steps this value knows, oldest first, the last one the current: every
 * step of a job that went through this server's memory from its creation, so its history can be
 * answered without reading it back, or only the last one for a job read from the database.
 *
 * @param printer the agent's printer name; empty for its default printer
 * @param expiresAt after this the job is never executed
 * @param acknowledged whether the agent confirmed receipt of the current delivery
 * @param deliveries how many times it went down a stream
 * @param printerStatus the printer's status the agent reported with the result
 * @param drawer for a print that asked to open the drawer after it: what became of the drawer,
 *     once known; null while pending and for every other job
 * @param requestedBy the API client (token name) that created it
 * @param idempotencyKey the client's {@code Idempotency-Key}, if it sent one
 * @param requestHash SHA-256 of what was asked, to tell a retry from a different request under the same key
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
        @Nullable Instant sentAt,
        boolean acknowledged,
        int deliveries,
        long bytesWritten,
        @Nullable JobError error,
        @Nullable PrinterStatus printerStatus,
        @Nullable DrawerOutcome drawer,
        String requestedBy,
        @Nullable String idempotencyKey,
        @Nullable String requestHash,
        List<JobTransition> steps) {

    public Job {
        requireNonNull(id, "id");
        requireNonNull(storeId, "storeId");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(steps.size() - 1).state() != state) {
            throw new IllegalArgumentException(
                    "steps: " + steps + " (expected: at least one, the last in state " + state + ")");
        }
    }

    /** The step that produced this value. */
    public JobTransition lastTransition() {
        return steps.get(steps.size() - 1);
    }

    /** Whether {@link #steps()} is the whole history, from the job's creation. */
    public boolean knowsWholeHistory() {
        return steps.get(0).step() == 1;
    }

    public static Job queued(
            String id,
            String storeId,
            JobType type,
            String printer,
            JobPayload payload,
            Instant now,
            Instant expiresAt,
            String requestedBy,
            @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                JobState.QUEUED,
                now,
                now,
                expiresAt,
                null,
                false,
                0,
                0,
                null,
                null,
                null,
                requestedBy,
                idempotencyKey,
                requestHash,
                List.of(new JobTransition(1, JobState.QUEUED, now, "accepted from " + requestedBy)));
    }

    /** This job in {@code next} state, the step recorded with its reason. */
    public Job to(JobState next, Instant at, String reason) {
        boolean sending = next == JobState.SENT;
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                next,
                createdAt,
                at,
                expiresAt,
                sending ? at : sentAt,
                !sending && acknowledged,
                sending ? deliveries + 1 : deliveries,
                bytesWritten,
                error,
                printerStatus,
                drawer,
                requestedBy,
                idempotencyKey,
                requestHash,
                append(new JobTransition(lastTransition().step() + 1, next, at, reason)));
    }

    public Job withError(JobError failure) {
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                state,
                createdAt,
                updatedAt,
                expiresAt,
                sentAt,
                acknowledged,
                deliveries,
                bytesWritten,
                failure,
                printerStatus,
                drawer,
                requestedBy,
                idempotencyKey,
                requestHash,
                steps);
    }

    public Job withOutcome(long written, @Nullable PrinterStatus status) {
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                state,
                createdAt,
                updatedAt,
                expiresAt,
                sentAt,
                acknowledged,
                deliveries,
                written,
                error,
                status,
                drawer,
                requestedBy,
                idempotencyKey,
                requestHash,
                steps);
    }

    public Job acknowledged(Instant at) {
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                state,
                createdAt,
                at,
                expiresAt,
                sentAt,
                true,
                deliveries,
                bytesWritten,
                error,
                printerStatus,
                drawer,
                requestedBy,
                idempotencyKey,
                requestHash,
                steps);
    }

    public Job withDrawer(@Nullable DrawerOutcome outcome) {
        return new Job(
                id,
                storeId,
                type,
                printer,
                payload,
                state,
                createdAt,
                updatedAt,
                expiresAt,
                sentAt,
                acknowledged,
                deliveries,
                bytesWritten,
                error,
                printerStatus,
                outcome,
                requestedBy,
                idempotencyKey,
                requestHash,
                steps);
    }

    /** When the drawer may still open after this print, if it asked for that; null otherwise. */
    public @Nullable Instant drawerDeadline() {
        return payload instanceof JobPayload.Print print ? print.drawerDeadline() : null;
    }

    private List<JobTransition> append(JobTransition next) {
        List<JobTransition> more = new ArrayList<>(steps.size() + 1);
        more.addAll(steps);
        more.add(next);
        return more;
    }

    public @Nullable Instant finishedAt() {
        return state.isFinal() ? updatedAt : null;
    }
}
