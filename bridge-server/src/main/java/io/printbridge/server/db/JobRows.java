package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

import com.google.protobuf.InvalidProtocolBufferException;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.jobs.DrawerOutcome;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobTransition;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.render.InvoiceSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@code jobs} row read back as a {@link Job}. */
final class JobRows {

    private JobRows() {}

    static Job toJob(JobRow row) {
        JobType type = JobType.valueOf(row.type());
        JobPayload payload = switch (type) {
            case RAW, INVOICE ->
                new JobPayload.Print(
                        requireNonNull(row.printData(), "jobs.print_data of a print job"),
                        row.invoiceJson() == null
                                ? null
                                : new InvoiceSource(
                                        row.invoiceJson(), parse(row.renderPrinter(), PrinterCapabilities.parser())),
                        row.drawerDeadline());
            case DRAWER ->
                new JobPayload.Drawer(
                        row.drawerPin() == null ? 0 : row.drawerPin(),
                        row.drawerPulseMs() == null ? 0 : row.drawerPulseMs());
            case STATUS -> new JobPayload.Status();
            // A clock's action is kept in print_data: bytes the agent gets as they were asked.
            case CLOCK_INFO, CLOCK_TIME, EMPLOYEE_PUSH, EMPLOYEE_REMOVE, ATTENDANCE_CLEAR ->
                new JobPayload.ClockAction(requireNonNull(row.printData(), "jobs.print_data of a clock job"));
        };
        JobState state = JobState.valueOf(row.state());
        // Only the last step's number is read back: the next step counts from it, and a guarded
        // change compares it. The history itself is read only for the API.
        return new Job(
                row.id(),
                row.storeId(),
                type,
                row.printer(),
                payload,
                state,
                row.createdAt(),
                row.updatedAt(),
                row.expiresAt(),
                row.sentAt(),
                row.acknowledged(),
                row.deliveries(),
                row.bytesWritten(),
                row.errorCode() == null
                        ? null
                        : new JobError(row.errorCode(), requireNonNullElse(row.errorMessage(), "")),
                row.printerStatus() == null ? null : parse(row.printerStatus(), PrinterStatus.parser()),
                row.drawerOutcome() == null ? null : DrawerOutcome.valueOf(row.drawerOutcome()),
                row.requestedBy(),
                row.idempotencyKey(),
                row.requestHash(),
                List.of(new JobTransition(row.steps(), state, row.updatedAt(), "")));
    }

    private static <T> T parse(byte @Nullable [] bytes, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(bytes == null ? new byte[0] : bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt protobuf column: " + e.getMessage(), e);
        }
    }
}
