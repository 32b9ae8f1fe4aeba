package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes new jobs: makes them from requests that are ready to print (invoices already rendered at
 * the API's edge), stores them, announces them and hands them to their store's stream
 * ({@link JobDelivery}). Making a job and storing it are two steps, so that whoever waits for a
 * job's end can register before the job can reach the agent, and no end slips past unseen.
 */
@Singleton
public final class JobIntake {

    private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

    private final JobStore store;
    private final JobDelivery delivery;
    private final JobsConfig config;
    private final BridgeEvents events;
    private final Clock clock;
    /**
     * Set when the server begins to stop: from then on new jobs are refused (503, retry), so that
     * none is accepted by a server that is closing its streams and then its database.
     */
    private volatile boolean stopping;

    public JobIntake(JobStore store, JobDelivery delivery, JobsConfig config, BridgeEvents events, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.delivery = requireNonNull(delivery, "delivery");
        this.config = requireNonNull(config, "config");
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * A new job for {@code storeId}, not stored yet.
     *
     * @param request ready to print: its payload is bytes, a drawer pulse or a status read
     * @param idempotencyKey the client's key for this request, or null; a retry with the same key
     *     and the same request gets the first job back instead of a second print
     * @param requestHash identifies the request's content, to tell a retry from a different request;
     *     given whenever {@code idempotencyKey} is
     */
    public Job newJob(
            String storeId,
            JobRequest request,
            String requestedBy,
            @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        if (request.payload() instanceof JobPayload.InvoiceToRender) {
            throw new IllegalArgumentException(
                    "request: an invoice not rendered yet (expected: rendered for the store's printer first)");
        }
        Instant now = clock.instant();
        JobPayload payload = request.payload();
        if (request.openDrawer() && payload instanceof JobPayload.Print print) {
            // The drawer after a print has its own deadline, the drawer's time to live from now: the
            // receipt may wait hours for an offline shop, its drawer must not.
            payload = new JobPayload.Print(print.data(), print.source(), now.plus(config.drawerTimeToLive()));
        }
        Duration ttl = request.timeToLive() != null
                ? request.timeToLive()
                : request.type() == JobType.DRAWER
                        ? config.drawerTimeToLive()
                        : request.type().defaultTimeToLive();
        return Job.queued(
                TimeOrderedIds.next(),
                storeId,
                request.type(),
                request.printer(),
                payload,
                now,
                now.plus(ttl),
                requestedBy,
                idempotencyKey,
                requestHash);
    }

    /**
     * New jobs of one batch: job {@code i} is kept under the key {@code idempotencyKey#i}.
     */
    public List<Job> newJobs(
            String storeId,
            List<JobRequest> requests,
            String requestedBy,
            @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        List<Job> jobs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            jobs.add(newJob(
                    storeId,
                    requests.get(i),
                    requestedBy,
                    idempotencyKey == null ? null : idempotencyKey + "#" + i,
                    requestHash));
        }
        return jobs;
    }

    /**
     * Stores jobs of one store, all or none (one transaction; a full queue refuses them all), then
     * announces them and sends them in order. Completes once stored (never before: an accepted job
     * survives a restart), with one submission per job: created, or the job an earlier request
     * created under the same idempotency key (a retry); fails with
     * {@link JobStore.QueueFullException} or {@link IdempotencyConflictException}.
     */
    public CompletableFuture<List<Submission>> store(List<Job> jobs) {
        RuntimeException refused = hardRefusal();
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        return store.insert(jobs, config.maxQueuedPerStore()).thenApply(submissions -> accepted(jobs, submissions));
    }

    /**
     * Why a new job would be refused now ({@link StoppingException}, {@link BusyException}), or
     * null; asked once per request, at its admission. Besides what {@link #store} refuses itself,
     * a request is refused while the writes stand behind and new jobs already fill what the store
     * accepts in time ({@link JobStore#newJobsFull}, {@code bridge.jobs.standing-write-lag}).
     * Asking first lets the
     * API refuse a request before it spends anything on it (parsing, rendering an invoice), which is
     * what lets an overloaded server catch up.
     */
    public @Nullable RuntimeException refusalNow() {
        RuntimeException hard = hardRefusal();
        if (hard != null) {
            return hard;
        }
        if (store.newJobsFull()) {
            return new BusyException(
                    store.newJobsWaiting(), config.standingWriteLag().toMillis());
        }
        return null;
    }

    /**
     * The refusals {@link #store} applies itself, to every caller: stopping, or the writes past
     * {@code bridge.jobs.max-write-lag}. Whether new jobs fill what the store accepts in time is
     * decided once per request, at {@link #refusalNow}: asked again here, a job admitted a moment
     * earlier would be refused for the jobs admitted with it.
     */
    private @Nullable RuntimeException hardRefusal() {
        if (stopping) {
            return new StoppingException();
        }
        long lag = store.writeLagNanos();
        return lag > config.maxWriteLag().toNanos() ? new BusyException(lag) : null;
    }

    /** Refuses every new job from now on: the server is stopping (see {@link StopTakingJobsAtShutdown}). */
    public void stopTakingJobs() {
        stopping = true;
    }

    /** Why a job was refused while the job writes lag behind (overload); nothing was stored. */
    public static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyException(long lagNanos) {
            super(
                    "the server is busy: its job writes are " + TimeUnit.NANOSECONDS.toMillis(lagNanos) + " ms behind",
                    null,
                    false,
                    false);
        }

        BusyException(int newJobsWaiting, long allowedMillis) {
            super(
                    "the server is busy: its job writes stay more than " + allowedMillis + " ms behind and "
                            + newJobsWaiting + " new jobs already wait for their commit, as many as it can accept in "
                            + allowedMillis + " ms",
                    null,
                    false,
                    false);
        }
    }

    /** Why a job offered while the server stops was refused; nothing was stored. */
    public static final class StoppingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppingException() {
            super("the server is stopping", null, false, false);
        }
    }

    /** Stored: announces the new jobs and hands them to the store's stream, if this server holds it. */
    private List<Submission> accepted(List<Job> asked, List<Submission> submissions) {
        List<Submission> answers = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            Submission submission = submissions.get(i);
            Job job = submission.job();
            if (!submission.created()) {
                answers.add(replay(job, asked.get(i)));
                continue;
            }
            answers.add(submission);
            log.debug(
                    "job {} ({}) for store {} queued by {}",
                    job.id(),
                    job.type().wireName(),
                    job.storeId(),
                    job.requestedBy());
            events.publish(new BridgeEvent.JobChanged(job, job.createdAt()));
            delivery.offer(job);
        }
        return answers;
    }

    /** The job an earlier request made under the same key: the same request again, or a conflict. */
    private static Submission replay(Job earlier, Job asked) {
        String hash = asked.requestHash();
        if (hash == null || !hash.equals(earlier.requestHash())) {
            // A job comes back instead of a new one only for a request with an idempotency key.
            throw new CompletionException(new IdempotencyConflictException(
                    requireNonNull(asked.idempotencyKey(), "idempotencyKey"), earlier.id()));
        }
        return new Submission(earlier, false);
    }
}
