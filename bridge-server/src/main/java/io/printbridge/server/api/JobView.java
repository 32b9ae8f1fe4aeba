package io.printbridge.server.api;

import io.printbridge.server.jobs.DrawerOutcome;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import io.printbridge.server.jobs.JobTransition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A job as the ERP sees it in JSON. */
public record JobView(
        String id,
        String storeId,

        @Schema(
                type = "string",
                allowableValues = {"raw", "invoice", "drawer", "status"})
        String type,

        @Nullable String printer,

        @Schema(
                type = "string",
                allowableValues = {"QUEUED", "SENT", "DONE", "FAILED", "EXPIRED", "UNCERTAIN"},
                description =
                        "DONE, FAILED, EXPIRED and UNCERTAIN are final; UNCERTAIN (may or may not have printed) is never retried.")
        String state,

        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant sentAt,
        @Nullable Instant finishedAt,
        Instant expiresAt,

        @Schema(description = "How many times the job was sent to the agent (at-least-once delivery).")
        int deliveries,

        @Schema(description = "Whether the agent confirmed receipt of the latest delivery.")
        boolean acknowledged,

        @Schema(description = "Bytes written to the printer, for a print that wrote any.") @Nullable
        Long bytesWritten,

        @Nullable JobError error,
        PrinterStatusView.@Nullable Status printerStatus,

        @Schema(
                type = "string",
                allowableValues = {
                    "PENDING",
                    "OPENED",
                    "EXPIRED",
                    "NO_DRAWER",
                    "NOT_OPENED",
                    "FAILED",
                    "UNKNOWN",
                    "UNSUPPORTED"
                },
                description = "For a print sent with openDrawer: what became of the cash drawer. The pulse after "
                        + "the receipt has its own deadline (drawerExpiresAt, the drawer's time to live from the job's creation): "
                        + "a receipt printed later leaves the drawer shut (EXPIRED). Absent for jobs that did not ask.")
        @Nullable
        String drawer,

        @Schema(description = "Until when the drawer may open after this print; absent for jobs that did not ask.")
        @Nullable
        Instant drawerExpiresAt,

        List<Step> history) {

    /** One change of state, with why. */
    public record Step(String state, Instant at, String reason) {}

    static JobView of(Job job, List<JobTransition> history) {
        return new JobView(
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
                job.printerStatus() == null ? null : PrinterStatusView.Status.of(job.printerStatus()),
                DrawerOutcome.wireName(job),
                job.drawerDeadline(),
                history.stream().map(JobView::step).toList());
    }

    private static Step step(JobTransition t) {
        return new Step(t.state().name(), t.at(), t.reason());
    }
}
