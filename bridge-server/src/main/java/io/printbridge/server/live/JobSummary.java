package io.printbridge.server.live;

import io.printbridge.server.jobs.DrawerOutcome;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job as events and webhooks carry it: the fields of {@code GET /api/v1/jobs/{id}} without the
 * history and the printer status (read the job by id for those).
 */
public record JobSummary(
        String id,
        String storeId,
        String type,
        @Nullable String printer,
        String state,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant sentAt,
        @Nullable Instant finishedAt,
        Instant expiresAt,
        int deliveries,
        boolean acknowledged,
        @Nullable Long bytesWritten,
        @Nullable JobError error,
        @Nullable String drawer,
        @Nullable Instant drawerExpiresAt) {

    public static JobSummary of(Job job) {
        // Same conventions as the API's job JSON: no printer means the default one, no bytes means none written.
        return new JobSummary(
                job.id(),
                job.storeId(),
                job.type().wireName(),
                job.printer().isEmpty() ? null : job.printer(),
                job.state().name(),
                job.createdAt(),
                job.updatedAt(),
                job.sentAt(),
                job.finishedAt(),
                job.expiresAt(),
                job.deliveries(),
                job.acknowledged(),
                job.bytesWritten() > 0 ? job.bytesWritten() : null,
                job.error(),
                DrawerOutcome.wireName(job),
                job.drawerDeadline());
    }
}
