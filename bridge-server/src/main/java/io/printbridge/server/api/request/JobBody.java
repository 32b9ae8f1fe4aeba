package io.printbridge.server.api.request;

import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A new job, as {@code POST /api/v1/stores/{storeId}/jobs} takes it: one record per job type,
 * told apart by {@code type}. The fields every type has, and their limits, are here.
 */
@Schema(
        name = "JobBody",
        description = "A new job; `type` says which kind.",
        oneOf = {
            RawJob.class,
            InvoiceJob.class,
            DrawerJob.class,
            StatusJob.class,
            ClockInfoJob.class,
            ClockTimeJob.class,
            AttendanceClearJob.class,
            EmployeePushJob.class,
            EmployeeRemoveJob.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = RawJob.TYPE, schema = RawJob.class),
            @DiscriminatorMapping(value = InvoiceJob.TYPE, schema = InvoiceJob.class),
            @DiscriminatorMapping(value = DrawerJob.TYPE, schema = DrawerJob.class),
            @DiscriminatorMapping(value = StatusJob.TYPE, schema = StatusJob.class),
            @DiscriminatorMapping(value = ClockInfoJob.TYPE, schema = ClockInfoJob.class),
            @DiscriminatorMapping(value = ClockTimeJob.TYPE, schema = ClockTimeJob.class),
            @DiscriminatorMapping(value = AttendanceClearJob.TYPE, schema = AttendanceClearJob.class),
            @DiscriminatorMapping(value = EmployeePushJob.TYPE, schema = EmployeePushJob.class),
            @DiscriminatorMapping(value = EmployeeRemoveJob.TYPE, schema = EmployeeRemoveJob.class)
        })
public sealed interface JobBody permits RawJob, InvoiceJob, DrawerJob, StatusJob, ClockJob {

    /** The job types, as a message lists them. */
    String TYPES = InvoiceJob.TYPE + ", " + RawJob.TYPE + ", " + DrawerJob.TYPE + ", " + StatusJob.TYPE + ", "
            + ClockInfoJob.TYPE + ", " + ClockTimeJob.TYPE + ", " + EmployeePushJob.TYPE + ", " + EmployeeRemoveJob.TYPE
            + " or " + AttendanceClearJob.TYPE;

    /** A clock's name, or {@code *} for every clock of the store (in a batch). */
    String CLOCK_OR_EVERY_PATTERN = "^([A-Za-z0-9_-]{0,64}|\\*)$";

    String CLOCK = "An attendance clock of the store, by name (1-64 letters, digits, '-' or '_'); the store's only "
            + "clock if absent, null or empty.";

    /**
     * A printer's name. Empty is taken, as the default printer, like an absent or null name: the
     * API has always accepted it, and an ERP may send an unset field as "".
     */
    String PRINTER_PATTERN = "^[A-Za-z0-9_-]{0,64}$";
    /** The shortest time to live a job may ask for; the longest is configured (bridge.jobs.max-time-to-live). */
    long MIN_TTL_SECONDS = 1;

    String PRINTER =
            "A printer of the store, by name (1-64 letters, digits, '-' or '_'); the store's default printer if "
                    + "absent, null or empty.";
    String TTL = "Seconds the job stays worth doing (" + MIN_TTL_SECONDS
            + " to bridge.jobs.max-time-to-live, 48 h by default); "
            + "by default 4 h for prints, 15 s for a drawer, 30 s for a status.";
    String OPEN_DRAWER =
            "Open the cash drawer once the receipt is printed (a cash sale), with the pin and pulse configured on the "
                    + "agent, only within the drawer's time to live (15 s) from now: a receipt printed later leaves the drawer shut, "
                    + "and the job's `drawer` says EXPIRED.";

    /** The job's type, one of the records' {@code TYPE}. */
    String type();

    /** The printer's name; null or empty for the store's default printer. */
    @Nullable
    String printer();

    /** The time to live asked for; null for the type's default. */
    @Nullable
    Long ttlSeconds();
}
