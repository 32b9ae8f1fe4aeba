package io.printbridge.server.api;

import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import io.printbridge.server.jobs.JobTransition;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A job as the ERP sees it in JSON. */
public record JobView(
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
        PrinterStatusView.@Nullable Status printerStatus,
        List<Step> history) {

    public record Step(String state, Instant at, String reason) {}

    static JobView of(Job job, List<JobTransition> history) {
        return new JobView(job.id(), job.storeId(), job.type().wireName(), job.printer().isEmpty() ? null : job.printer(),
                job.state().name(), job.createdAt(), job.updatedAt(), job.sentAt(), job.finishedAt(), job.expiresAt(),
                job.deliveries(), job.acknowledged(), job.bytesWritten() > 0 ? job.bytesWritten() : null, job.error(),
                job.printerStatus() == null ? null : PrinterStatusView.Status.of(job.printerStatus()),
                history.stream().map(JobView::step).toList());
    }

    private static Step step(JobTransition t) {
        return new Step(t.state().name(), t.at(), t.reason());
    }
}
