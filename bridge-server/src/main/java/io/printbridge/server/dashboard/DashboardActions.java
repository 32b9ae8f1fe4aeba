package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceParser;
import io.printbridge.proto.v1.Printer;
import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.EnrolmentRefusedException;
import io.printbridge.server.identity.NewEnrolmentCode;
import io.printbridge.server.identity.StoreRevocations;
import io.printbridge.server.ids.TimeOrderedIds;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobIntake;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.render.InvoiceRenderer;
import io.printbridge.server.render.InvoiceSource;
import io.printbridge.server.stores.StoreDirectory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does from the dashboard, each checked against the user's role here (not only
 * by hiding a button) and written to the audit log under the user's name
 * ({@code dashboard:alice}). Jobs are made by the same intake as the ERP's and carry that name as
 * who asked for them.
 */
@Singleton
final class DashboardActions {

    private static final String TEST_RECEIPT = "dashboard/test-receipt.json";

    private final StoreDirectory stores;
    private final JobIntake intake;
    private final JobStore jobs;
    private final InvoiceRenderer renderer;
    private final AuditLogRepository audit;
    private final StoreRevocations revocations;
    private final EnrolmentCodes enrolmentCodes;
    private final Clock clock;
    private final String testReceiptJson;
    private final Invoice testReceipt;

    DashboardActions(
            StoreDirectory stores,
            JobIntake intake,
            JobStore jobs,
            InvoiceRenderer renderer,
            AuditLogRepository audit,
            StoreRevocations revocations,
            EnrolmentCodes enrolmentCodes,
            Clock clock) {
        this.stores = requireNonNull(stores, "stores");
        this.intake = requireNonNull(intake, "intake");
        this.jobs = requireNonNull(jobs, "jobs");
        this.renderer = requireNonNull(renderer, "renderer");
        this.audit = requireNonNull(audit, "audit");
        this.revocations = requireNonNull(revocations, "revocations");
        this.enrolmentCodes = requireNonNull(enrolmentCodes, "enrolmentCodes");
        this.clock = requireNonNull(clock, "clock");
        this.testReceiptJson = read(TEST_RECEIPT);
        this.testReceipt = new InvoiceParser().parse(testReceiptJson);
    }

    /** Prints the sample receipt on {@code printerName} (empty: the default printer); the new job. */
    Job testPrint(DashboardUser user, String storeId, String printerName) {
        Printer printer = printer(user, storeId, printerName);
        JobPayload.Print payload = new JobPayload.Print(
                renderer.escPos(testReceipt, printer.getCapabilities()),
                new InvoiceSource(testReceiptJson, printer.getCapabilities()));
        Job job = submit(user, storeId, new JobRequest(JobType.INVOICE, printer.getName(), payload, null));
        record(user, "dashboard.test-print", storeId, job.id(), "test receipt on printer " + printer.getName());
        return job;
    }

    /** Opens the drawer wired to {@code printerName}, with the pin and pulse configured there. */
    Job openDrawer(DashboardUser user, String storeId, String printerName) {
        Printer printer = printer(user, storeId, printerName);
        if (!printer.getCapabilities().getHasDrawer()) {
            throw new ActionRefusedException(
                    "printer " + printer.getName() + " of store " + storeId + " has no drawer configured");
        }
        Job job = submit(
                user, storeId, new JobRequest(JobType.DRAWER, printer.getName(), new JobPayload.Drawer(0, 0), null));
        record(user, "dashboard.open-drawer", storeId, job.id(), "drawer of printer " + printer.getName());
        return job;
    }

    /**
     * A failed job again, as a new job with the same payload (never the same job: its history
     * stays as it was). Only FAILED and EXPIRED jobs: an UNCERTAIN one may have printed.
     */
    Job retry(DashboardUser user, String jobId) {
        require(user, Role.OPERATOR);
        Job failed = jobs.find(jobId).orElseThrow(() -> new ActionRefusedException("unknown job " + jobId));
        if (failed.state() != JobState.FAILED && failed.state() != JobState.EXPIRED) {
            throw new ActionRefusedException("job " + jobId + " is " + failed.state()
                    + " (expected: FAILED or EXPIRED; an UNCERTAIN job may have printed)");
        }
        Job job =
                submit(user, failed.storeId(), new JobRequest(failed.type(), failed.printer(), failed.payload(), null));
        record(user, "dashboard.retry", failed.storeId(), job.id(), "retry of job " + jobId);
        return job;
    }

    /**
     * Revokes the store (a stolen or lost PC), as the admin API does. Operators may: it is what IT
     * support does from the street when a till PC is stolen, and it only ever cuts a shop off until
     * a new enrolment code brings it back. Audited under the user's name.
     */
    Instant revoke(DashboardUser user, String storeId, String reason) {
        require(user, Role.OPERATOR);
        try {
            return revocations.revoke(user.auditName(), storeId, reason);
        } catch (IllegalArgumentException e) {
            throw new ActionRefusedException(String.valueOf(e.getMessage()));
        }
    }

    /**
     * A one-time enrolment code for {@code storeId} (a new shop, a replaced PC, one whose
     * certificate expired), valid for the server's default time; shown once, audited (by the codes
     * themselves) under the user's name.
     */
    NewEnrolmentCode enrolmentCode(DashboardUser user, String storeId) {
        require(user, Role.OPERATOR);
        try {
            return enrolmentCodes.create(user.auditName(), storeId.strip(), null);
        } catch (EnrolmentRefusedException | IllegalArgumentException | IllegalStateException e) {
            throw new ActionRefusedException(String.valueOf(e.getMessage()));
        }
    }

    static void require(DashboardUser user, Role role) {
        if (!user.role().allows(role)) {
            throw new ActionForbiddenException(user, role);
        }
    }

    private Printer printer(DashboardUser user, String storeId, String printerName) {
        require(user, Role.OPERATOR);
        if (!stores.isKnown(storeId)) {
            throw new ActionRefusedException("unknown store " + storeId);
        }
        return stores.printer(storeId, printerName)
                .orElseThrow(() -> new ActionRefusedException("printer \"" + printerName + "\" (expected: one of store "
                        + storeId + "'s printers " + stores.printerNames(storeId) + ")"));
    }

    private Job submit(DashboardUser user, String storeId, JobRequest request) {
        Job job = intake.newJob(storeId, request, user.auditName(), null, null);
        try {
            // The page answered shows the job, so it must be stored first; the writer commits in milliseconds.
            return intake.store(List.of(job)).get(10, TimeUnit.SECONDS).get(0).job();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            throw new ActionRefusedException("the job was not stored: " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new ActionRefusedException("the job was not stored within 10 s (the database is slow or down)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionRefusedException("interrupted");
        }
    }

    private void record(DashboardUser user, String action, String storeId, @Nullable String jobId, String detail) {
        audit.record(TimeOrderedIds.next(), clock.instant(), user.auditName(), action, storeId, jobId, detail);
    }

    private static String read(String resource) {
        try (InputStream in = DashboardActions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
