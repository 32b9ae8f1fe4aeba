package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.ids.TimeOrderedIds;
import io.printbridge.server.jobs.FinalStateDeliveries;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The statements of one group commit, staged as JDBC batches on the writer's connection and run
 * by {@link #flush()} in an order that respects what was asked: new jobs first, then state
 * changes in the order they were staged (a job's QUEUED→SENT before its SENT→DONE), then
 * acknowledgements, then the history rows of the changes that applied, the audit rows, and the
 * webhook deliveries of the jobs that became final.
 *
 * <p>Used by the writer thread only.
 */
final class WriteBatch implements AutoCloseable {

    private static final String INSERT_JOB = "INSERT INTO jobs (id, store_id, type, priority, printer, state, steps, "
            + "created_at, updated_at, expires_at, sent_at, acknowledged, deliveries, bytes_written, error_code, error_message, "
            + "printer_status, requested_by, idempotency_key, request_hash, print_data, drawer_pin, drawer_pulse_ms, "
            + "invoice_json, render_printer, open_drawer, drawer_deadline, drawer_outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** A change applies only to the job as its caller saw it: same state, same step. */
    private static final String TRANSITION = "UPDATE jobs SET state = ?, steps = ?, updated_at = ?, sent_at = ?, "
            + "acknowledged = ?, deliveries = ?, bytes_written = ?, error_code = ?, error_message = ?, printer_status = ?, "
            + "drawer_outcome = ? WHERE id = ? AND state = ? AND steps = ?";

    private static final String ACKNOWLEDGE =
            "UPDATE jobs SET acknowledged = TRUE, updated_at = ? " + "WHERE id = ? AND store_id = ? AND state = 'SENT'";
    private static final String INSERT_STEP =
            "INSERT INTO job_history (job_id, step, state, at, reason) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_DELIVERY =
            "INSERT INTO webhook_deliveries (id, webhook, event, job_id, store_id, body, "
                    + "state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";
    private static final String INSERT_AUDIT =
            "INSERT INTO audit_log (id, at, client, action, store_id, job_id, detail) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)";

    private record StagedTransition(
            Job before, Job after, List<JobTransition> earlierSteps, Consumer<Boolean> applied) {}

    private record StagedAcknowledgement(String id, String storeId, Instant at) {}

    private final Connection connection;
    private final QueuedCounts counts;
    private final List<FinalStateDeliveries> outboxes;
    private @Nullable PreparedStatement insertDelivery;
    private int deliveries;
    private @Nullable PreparedStatement insertJob;
    private @Nullable PreparedStatement transition;
    private @Nullable PreparedStatement acknowledge;
    private @Nullable PreparedStatement insertStep;
    private @Nullable PreparedStatement insertAudit;
    private final List<StagedTransition> transitions = new ArrayList<>();
    /** New jobs with an idempotency key staged in this batch, by client and key. */
    private final Map<String, Job> keyed = new HashMap<>();

    private final List<StagedAcknowledgement> acknowledgements = new ArrayList<>();
    private int newJobs;
    private int steps;
    private int audits;

    private final GroupReads reads;

    WriteBatch(Connection connection, QueuedCounts counts, List<FinalStateDeliveries> outboxes, GroupReads reads) {
        this.connection = connection;
        this.counts = counts;
        this.outboxes = outboxes;
        this.reads = reads;
    }

    /** What was read for the whole group before it was staged. */
    GroupReads reads() {
        return reads;
    }

    Connection connection() {
        return connection;
    }

    QueuedCounts counts() {
        return counts;
    }

    /** Stages a new job with its first history step and the audit row of who asked for it. */
    void insert(Job job) throws SQLException {
        if (insertJob == null) {
            insertJob = connection.prepareStatement(INSERT_JOB);
        }
        bindNewJob(insertJob, job);
        insertJob.addBatch();
        newJobs++;
        if (job.idempotencyKey() != null) {
            keyed.put(keyOf(job.requestedBy(), job.idempotencyKey()), job);
        }
        step(job.id(), job.lastTransition());
        audit(job);
        counts.changed(job.storeId(), +1);
    }

    /** A job staged in this batch by {@code client} under {@code idempotencyKey}. */
    Optional<Job> stagedWithKey(String client, String idempotencyKey) {
        return Optional.ofNullable(keyed.get(keyOf(client, idempotencyKey)));
    }

    private static String keyOf(String client, String idempotencyKey) {
        return client + '\u0000' + idempotencyKey;
    }

    /** Stages a guarded change; {@code applied} hears at {@link #flush()} whether it applied. */
    void transition(Job before, Job after, Consumer<Boolean> applied) {
        transition(before, after, List.of(), applied);
    }

    /**
     * Stages a guarded change that also records {@code earlierSteps}, steps between {@code before}
     * and {@code after} that were never written on their own (a SENT merged with its result).
     */
    void transition(Job before, Job after, List<JobTransition> earlierSteps, Consumer<Boolean> applied) {
        transitions.add(new StagedTransition(before, after, earlierSteps, applied));
    }

    void acknowledge(String id, String storeId, Instant at) {
        acknowledgements.add(new StagedAcknowledgement(id, storeId, at));
    }

    /** Runs everything staged so far, so that what follows (a read) sees it. */
    void flush() throws SQLException {
        if (newJobs > 0) {
            requireNonNull(insertJob, "insertJob").executeBatch();
            newJobs = 0;
        }
        if (!transitions.isEmpty()) {
            List<StagedTransition> staged = List.copyOf(transitions);
            transitions.clear();
            if (transition == null) {
                transition = connection.prepareStatement(TRANSITION);
            }
            for (StagedTransition t : staged) {
                bindTransition(transition, t.before(), t.after());
                transition.addBatch();
            }
            int[] changed = transition.executeBatch();
            for (int i = 0; i < staged.size(); i++) {
                StagedTransition t = staged.get(i);
                boolean applied = rowsChanged(changed[i]) == 1;
                if (applied) {
                    for (JobTransition earlier : t.earlierSteps()) {
                        step(t.after().id(), earlier);
                    }
                    step(t.after().id(), t.after().lastTransition());
                    counts.moved(
                            t.before().storeId(), t.before().state(), t.after().state());
                    if (t.after().state().isFinal() && !t.before().state().isFinal()) {
                        recordDeliveries(t.after());
                    }
                }
                t.applied().accept(applied);
            }
        }
        if (!acknowledgements.isEmpty()) {
            if (acknowledge == null) {
                acknowledge = connection.prepareStatement(ACKNOWLEDGE);
            }
            for (StagedAcknowledgement a : acknowledgements) {
                acknowledge.setObject(1, time(a.at()));
                acknowledge.setString(2, a.id());
                acknowledge.setString(3, a.storeId());
                acknowledge.addBatch();
            }
            acknowledgements.clear();
            acknowledge.executeBatch();
        }
        if (steps > 0) {
            requireNonNull(insertStep, "insertStep").executeBatch();
            steps = 0;
        }
        if (audits > 0) {
            requireNonNull(insertAudit, "insertAudit").executeBatch();
            audits = 0;
        }
        if (deliveries > 0) {
            requireNonNull(insertDelivery, "insertDelivery").executeBatch();
            deliveries = 0;
        }
    }

    /** The messages about a job that just became final, in this same transaction. */
    private void recordDeliveries(Job job) throws SQLException {
        for (FinalStateDeliveries outbox : outboxes) {
            Instant now = job.updatedAt();
            for (FinalStateDeliveries.Delivery d : outbox.deliveriesFor(job, now)) {
                if (insertDelivery == null) {
                    insertDelivery = connection.prepareStatement(INSERT_DELIVERY);
                }
                insertDelivery.setString(1, d.id());
                insertDelivery.setString(2, d.webhook());
                insertDelivery.setString(3, d.event());
                insertDelivery.setString(4, job.id());
                insertDelivery.setString(5, job.storeId());
                insertDelivery.setString(6, d.body());
                insertDelivery.setObject(7, time(now));
                insertDelivery.setObject(8, time(now));
                insertDelivery.setObject(9, time(now));
                insertDelivery.addBatch();
                deliveries++;
            }
        }
    }

    private static void bindTransition(PreparedStatement s, Job before, Job after) throws SQLException {
        JobError error = after.error();
        s.setString(1, after.state().name());
        s.setInt(2, after.lastTransition().step());
        s.setObject(3, time(after.updatedAt()));
        s.setObject(4, time(after.sentAt()));
        s.setBoolean(5, after.acknowledged());
        s.setInt(6, after.deliveries());
        s.setLong(7, after.bytesWritten());
        s.setString(8, error == null ? null : error.code());
        s.setString(9, error == null ? null : error.message());
        setBytes(
                s,
                10,
                after.printerStatus() == null ? null : after.printerStatus().toByteArray());
        s.setString(11, after.drawer() == null ? null : after.drawer().name());
        s.setString(12, before.id());
        s.setString(13, before.state().name());
        s.setInt(14, before.lastTransition().step());
    }

    private void step(String jobId, JobTransition step) throws SQLException {
        if (insertStep == null) {
            insertStep = connection.prepareStatement(INSERT_STEP);
        }
        insertStep.setString(1, jobId);
        insertStep.setInt(2, step.step());
        insertStep.setString(3, step.state().name());
        insertStep.setObject(4, time(step.at()));
        insertStep.setString(5, step.reason());
        insertStep.addBatch();
        steps++;
    }

    private void audit(Job job) throws SQLException {
        if (insertAudit == null) {
            insertAudit = connection.prepareStatement(INSERT_AUDIT);
        }
        insertAudit.setString(1, TimeOrderedIds.next());
        insertAudit.setObject(2, time(job.createdAt()));
        insertAudit.setString(3, job.requestedBy());
        insertAudit.setString(4, "job.create");
        insertAudit.setString(5, job.storeId());
        insertAudit.setString(6, job.id());
        insertAudit.setString(
                7, job.type().wireName() + (job.printer().isEmpty() ? "" : " on printer " + job.printer()));
        insertAudit.addBatch();
        audits++;
    }

    private static void bindNewJob(PreparedStatement s, Job job) throws SQLException {
        byte[] printData = null;
        Integer drawerPin = null;
        Integer drawerPulse = null;
        String invoiceJson = null;
        byte[] renderPrinter = null;
        Boolean openDrawer = null;
        Instant drawerDeadline = null;
        JobPayload payload = job.payload();
        if (payload instanceof JobPayload.Print print) {
            printData = print.data();
            drawerDeadline = print.drawerDeadline();
            openDrawer = drawerDeadline != null;
            if (print.source() != null) {
                invoiceJson = print.source().json();
                renderPrinter = print.source().printer().toByteArray();
            }
        } else if (payload instanceof JobPayload.Drawer drawer) {
            drawerPin = drawer.pin();
            drawerPulse = drawer.pulseMs();
        } else if (payload instanceof JobPayload.ClockAction clock) {
            printData = clock.action();
        } else if (!(payload instanceof JobPayload.Status)) {
            throw new IllegalStateException("job " + job.id() + ": "
                    + payload.getClass().getSimpleName() + " must be rendered before it is stored");
        }
        JobError error = job.error();
        s.setString(1, job.id());
        s.setString(2, job.storeId());
        s.setString(3, job.type().name());
        s.setInt(4, job.type().priority());
        s.setString(5, job.printer());
        s.setString(6, job.state().name());
        s.setInt(7, job.lastTransition().step());
        s.setObject(8, time(job.createdAt()));
        s.setObject(9, time(job.updatedAt()));
        s.setObject(10, time(job.expiresAt()));
        s.setObject(11, time(job.sentAt()));
        s.setBoolean(12, job.acknowledged());
        s.setInt(13, job.deliveries());
        s.setLong(14, job.bytesWritten());
        s.setString(15, error == null ? null : error.code());
        s.setString(16, error == null ? null : error.message());
        setBytes(s, 17, job.printerStatus() == null ? null : job.printerStatus().toByteArray());
        s.setString(18, job.requestedBy());
        s.setString(19, job.idempotencyKey());
        s.setString(20, job.requestHash());
        setBytes(s, 21, printData);
        setInt(s, 22, drawerPin);
        setInt(s, 23, drawerPulse);
        s.setString(24, invoiceJson);
        setBytes(s, 25, renderPrinter);
        if (openDrawer == null) {
            s.setNull(26, Types.BOOLEAN);
        } else {
            s.setBoolean(26, openDrawer);
        }
        s.setObject(27, time(drawerDeadline));
        s.setString(28, job.drawer() == null ? null : job.drawer().name());
    }

    /** The rows one batched statement changed; drivers that cannot tell are not supported. */
    private static int rowsChanged(int count) {
        if (count == Statement.SUCCESS_NO_INFO) {
            throw new IllegalStateException("the JDBC driver did not report how many rows a guarded update changed");
        }
        return count;
    }

    static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void setBytes(PreparedStatement s, int index, byte @Nullable [] bytes) throws SQLException {
        if (bytes == null) {
            s.setNull(index, Types.BINARY);
        } else {
            s.setBytes(index, bytes);
        }
    }

    private static void setInt(PreparedStatement s, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    @Override
    public void close() {
        for (PreparedStatement s :
                new PreparedStatement[] {insertJob, transition, acknowledge, insertStep, insertAudit, insertDelivery}) {
            if (s != null) {
                try {
                    s.close();
                } catch (SQLException ignored) {
                    // the connection goes back to the pool, which closes what is left
                }
            }
        }
    }
}
