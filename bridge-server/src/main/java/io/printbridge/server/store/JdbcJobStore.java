package io.printbridge.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.transaction.annotation.Transactional;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobError;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobTransition;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.render.InvoiceSource;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Jobs in the database. Each write is one transaction that also appends the job's new step to
 * {@code job_history}; a change applies only if the row is still in the state the caller saw
 * ({@code UPDATE … WHERE state = :expected}), so concurrent writers never both move a job.
 */
@Singleton
public class JdbcJobStore implements JobStore {

    private final JobRepository jobs;
    private final JobHistoryRepository history;
    private final AuditLog audit;

    public JdbcJobStore(JobRepository jobs, JobHistoryRepository history, AuditLog audit) {
        this.jobs = jobs;
        this.history = history;
        this.audit = audit;
    }

    @Override
    @Transactional
    public Job insert(Job job, int maxQueued) throws QueueFullException, DuplicateKeyException {
        long queued = jobs.countByStoreIdAndState(job.storeId(), JobState.QUEUED.name());
        if (queued >= maxQueued) {
            throw new QueueFullException("store " + job.storeId() + " already has " + queued + " jobs waiting (limit " + maxQueued + ")");
        }
        if (job.idempotencyKey() != null
                && jobs.findByRequestedByAndIdempotencyKey(job.requestedBy(), job.idempotencyKey()).isPresent()) {
            throw new DuplicateKeyException("idempotency key \"" + job.idempotencyKey() + "\" is already used by " + job.requestedBy());
        }
        jobs.save(toRow(job));
        appendStep(job);
        audit.record(UUID.randomUUID().toString(), job.createdAt(), job.requestedBy(), "job.create", job.storeId(), job.id(),
                job.type().wireName() + (job.printer().isEmpty() ? "" : " on printer " + job.printer()));
        return job;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Job> find(String id) {
        return jobs.findById(id).map(JdbcJobStore::toJob);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Job> findByIdempotencyKey(String client, String idempotencyKey) {
        return jobs.findByRequestedByAndIdempotencyKey(client, idempotencyKey).map(JdbcJobStore::toJob);
    }

    @Override
    @Transactional(readOnly = true)
    public List<JobTransition> history(String id) {
        return history.findSteps(id).stream()
                .map(s -> new JobTransition(s.step(), JobState.valueOf(s.state()), s.at(), s.reason()))
                .toList();
    }

    @Override
    @Transactional
    public Optional<Job> claimNext(String storeId, Instant now) {
        // One pump per store stream at a time, so the candidate is normally ours; the guarded
        // update makes a lost race (another replica, a sweep) harmless: look again.
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<JobRow> next = jobs.findNextQueued(storeId, now);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Job queued = toJob(next.get());
            Optional<Job> sent = apply(queued, JobState.QUEUED, queued.to(JobState.SENT, now, "sent to the agent"));
            if (sent.isPresent()) {
                return sent;
            }
        }
        return Optional.empty();
    }

    @Override
    @Transactional
    public Optional<Job> update(String id, JobState expected, UnaryOperator<Job> change) {
        Optional<Job> current = jobs.findById(id).map(JdbcJobStore::toJob).filter(job -> job.state() == expected);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return apply(current.get(), expected, change.apply(current.get()));
    }

    @Override
    @Transactional
    public Optional<Job> update(Job current, UnaryOperator<Job> change) {
        return apply(current, current.state(), change.apply(current));
    }

    @Override
    @Transactional
    public boolean acknowledge(String id, String storeId, Instant at) {
        return jobs.acknowledge(id, storeId, at) == 1;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Job> inState(String storeId, JobState state) {
        return jobs.findInState(storeId, state.name()).stream().map(JdbcJobStore::toJob).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Job> expiredIn(JobState state, Instant now, int limit) {
        return jobs.findExpired(state.name(), now, limit).stream().map(JdbcJobStore::toJob).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public int countQueued(String storeId) {
        return (int) jobs.countByStoreIdAndState(storeId, JobState.QUEUED.name());
    }

    @Override
    @Transactional
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        List<String> ids = jobs.findFinishedBefore(cutoff, limit);
        if (ids.isEmpty()) {
            return 0;
        }
        history.deleteByJobIds(ids);
        return jobs.deleteByIds(ids);
    }

    private Optional<Job> apply(Job before, JobState expected, Job after) {
        JobError error = after.error();
        long changed = jobs.updateIfState(after.id(), expected.name(), after.state().name(),
                after.lastTransition().step(), after.updatedAt(), after.sentAt(),
                after.acknowledged(), after.deliveries(), after.bytesWritten(), error == null ? null : error.code(),
                error == null ? null : error.message(), after.printerStatus() == null ? null : after.printerStatus().toByteArray());
        if (changed == 0) {
            return Optional.empty();
        }
        if (after.lastTransition().step() != before.lastTransition().step()) {
            appendStep(after);
        }
        return Optional.of(after);
    }

    private void appendStep(Job job) {
        JobTransition step = job.lastTransition();
        history.append(job.id(), step.step(), step.state().name(), step.at(), step.reason());
    }

    private static JobRow toRow(Job job) {
        byte[] printData = null;
        Integer drawerPin = null;
        Integer drawerPulse = null;
        String invoiceJson = null;
        byte[] renderPrinter = null;
        Boolean openDrawer = null;
        JobPayload payload = job.payload();
        if (payload instanceof JobPayload.Print print) {
            printData = print.data();
            if (print.source() != null) {
                invoiceJson = print.source().json();
                renderPrinter = print.source().printer().toByteArray();
                openDrawer = print.source().openDrawer();
            }
        } else if (payload instanceof JobPayload.Drawer drawer) {
            drawerPin = drawer.pin();
            drawerPulse = drawer.pulseMs();
        } else if (!(payload instanceof JobPayload.Status)) {
            throw new IllegalStateException("job " + job.id() + ": " + payload.getClass().getSimpleName()
                    + " must be rendered before it is stored");
        }
        JobError error = job.error();
        return new JobRow(job.id(), job.storeId(), job.type().name(), job.type().priority(), job.printer(), job.state().name(),
                job.lastTransition().step(), job.createdAt(), job.updatedAt(), job.expiresAt(), job.sentAt(), job.acknowledged(), job.deliveries(),
                job.bytesWritten(), error == null ? null : error.code(), error == null ? null : error.message(),
                job.printerStatus() == null ? null : job.printerStatus().toByteArray(), job.requestedBy(), job.idempotencyKey(),
                job.requestHash(), printData, drawerPin, drawerPulse, invoiceJson, renderPrinter, openDrawer);
    }

    private static Job toJob(JobRow row) {
        JobType type = JobType.valueOf(row.type());
        JobPayload payload = switch (type) {
            case RAW, INVOICE -> new JobPayload.Print(row.printData(), row.invoiceJson() == null ? null
                    : new InvoiceSource(row.invoiceJson(), parse(row.renderPrinter(), PrinterCapabilities.parser()),
                            Boolean.TRUE.equals(row.openDrawer())));
            case DRAWER -> new JobPayload.Drawer(row.drawerPin() == null ? 0 : row.drawerPin(),
                    row.drawerPulseMs() == null ? 0 : row.drawerPulseMs());
            case STATUS -> new JobPayload.Status();
        };
        JobState state = JobState.valueOf(row.state());
        // Only the last step's number is read back: the next step counts from it. The history
        // itself is read only for the API.
        return new Job(row.id(), row.storeId(), type, row.printer(), payload, state, row.createdAt(), row.updatedAt(),
                row.expiresAt(), row.sentAt(), row.acknowledged(), row.deliveries(), row.bytesWritten(),
                row.errorCode() == null ? null : new JobError(row.errorCode(), row.errorMessage()),
                row.printerStatus() == null ? null : parse(row.printerStatus(), PrinterStatus.parser()), row.requestedBy(),
                row.idempotencyKey(), row.requestHash(), new JobTransition(row.steps(), state, row.updatedAt(), ""));
    }

    private static <T> T parse(byte @Nullable [] bytes, com.google.protobuf.Parser<T> parser) {
        try {
            return parser.parseFrom(bytes == null ? new byte[0] : bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt protobuf column: " + e.getMessage(), e);
        }
    }
}
