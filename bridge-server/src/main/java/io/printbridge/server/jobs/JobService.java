package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.micronaut.scheduling.annotation.Scheduled;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.agents.AgentRegistry;
import io.printbridge.server.agents.AgentSession;
import io.printbridge.server.agents.StoreDirectory;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.render.InvoiceRenderer;
import io.printbridge.server.render.InvoiceSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job hub: takes new jobs, pushes them down the right store's stream as fast as that
 * stream and the store's in-flight window allow, and moves them to their final state from the
 * agent's results, from lost streams, and from the clock.
 *
 * <p>Delivery is at least once: a job sent on a stream that dies before its result arrives is
 * queued again and redelivered, and the agent's journal makes sure it runs at most once.
 */
@Singleton
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** Jobs expired per sweep; a backlog larger than this is worked off over the next sweeps. */
    private static final int SWEEP_BATCH = 500;
    /** Final jobs deleted per statement when purging. */
    private static final int PURGE_BATCH = 1000;

    private final JobStore store;
    private final AgentRegistry agents;
    private final StoreDirectory stores;
    private final JobsConfig config;
    private final InvoiceRenderer renderer;
    private final BridgeEvents events;
    private final Clock clock;
    private final Map<String, CopyOnWriteArrayList<CompletableFuture<Job>>> waiters = new ConcurrentHashMap<>();
    /** Commands sent to each store's current stream without a result yet. */
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public JobService(JobStore store, AgentRegistry agents, StoreDirectory stores, JobsConfig config, InvoiceRenderer renderer,
            BridgeEvents events, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.agents = requireNonNull(agents, "agents");
        this.stores = requireNonNull(stores, "stores");
        this.config = requireNonNull(config, "config");
        this.renderer = requireNonNull(renderer, "renderer");
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------ from the ERP

    /**
     * Stores a new job for {@code storeId} and, if its agent is connected, sends it at once.
     *
     * @param idempotencyKey the client's key for this request, or null; a retry with the same key
     *     and the same request gets the first job back instead of a second print
     * @param requestHash identifies the request's content, to tell a retry from a different request;
     *     given whenever {@code idempotencyKey} is
     */
    public Submission submit(String storeId, JobRequest request, String requestedBy, @Nullable String idempotencyKey,
            @Nullable String requestHash) throws UnknownStoreException, UnknownPrinterException, JobStore.QueueFullException,
            IdempotencyConflictException {
        if (idempotencyKey != null) {
            Optional<Job> earlier = store.findByIdempotencyKey(requestedBy, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), idempotencyKey, requestHash);
            }
        }
        if (!stores.isKnown(storeId)) {
            throw new UnknownStoreException(storeId);
        }
        Printer printer = stores.printer(storeId, request.printer()).orElseThrow(() -> new UnknownPrinterException(
                storeId, request.printer(), stores.printerNames(storeId)));
        JobPayload payload = request.payload();
        if (payload instanceof JobPayload.InvoiceToRender invoice) {
            // Rendered now, for the printer the agent described: the agent only ever gets bytes.
            payload = new JobPayload.Print(renderer.escPos(invoice.invoice(), printer.getCapabilities(), invoice.openDrawer()),
                    new InvoiceSource(invoice.sourceJson(), printer.getCapabilities(), invoice.openDrawer()));
        }
        Instant now = clock.instant();
        Duration ttl = request.timeToLive() != null ? request.timeToLive() : request.type().defaultTimeToLive();
        Job job;
        try {
            job = store.insert(Job.queued(UUID.randomUUID().toString(), storeId, request.type(), request.printer(),
                    payload, now, now.plus(ttl), requestedBy, idempotencyKey, requestHash), config.maxQueuedPerStore());
        } catch (JobStore.DuplicateKeyException e) {
            // A concurrent retry stored its job first: answer as the retry we are.
            return replay(store.findByIdempotencyKey(requestedBy, idempotencyKey).orElseThrow(), idempotencyKey, requestHash);
        }
        log.info("job {} ({}) for store {} queued by {}", job.id(), job.type().wireName(), storeId, requestedBy);
        events.publish(new BridgeEvent.JobChanged(job, now));
        agents.find(storeId).ifPresent(this::pump);
        // The job as stored (QUEUED): a caller that wants more asks with ?wait, which reads it again.
        return new Submission(job, true);
    }

    private static Submission replay(Job earlier, String key, @Nullable String requestHash)
            throws IdempotencyConflictException {
        if (requestHash == null || !requestHash.equals(earlier.requestHash())) {
            throw new IdempotencyConflictException(key, earlier.id());
        }
        return new Submission(earlier, false);
    }

    public Optional<Job> find(String id) {
        return store.find(id);
    }

    public List<JobTransition> history(String id) {
        return store.history(id);
    }

    /**
     * Completes with the job once it is final, or with its state at {@code timeout}, whichever
     * comes first. Never completes exceptionally for a known job.
     */
    public CompletableFuture<Job> awaitFinal(String id, Duration timeout) {
        Optional<Job> now = store.find(id);
        if (now.isEmpty() || now.get().state().isFinal() || timeout.isZero()) {
            return CompletableFuture.completedFuture(now.orElse(null));
        }
        CompletableFuture<Job> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(waiter);
        // The job may have finished between the first look and the registration.
        store.find(id).filter(j -> j.state().isFinal()).ifPresent(waiter::complete);
        return waiter
                .completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(job -> {
                    removeWaiter(id, waiter);
                    return job != null ? job : store.find(id).orElseThrow();
                });
    }

    // ------------------------------------------------------------------ from the agents

    /** A stream said Hello: it becomes the store's stream and gets the store's queued jobs. */
    public void agentConnected(AgentSession session) {
        agents.attach(session);
        inFlight.put(session.storeId(), new AtomicInteger());
        // Jobs sent on an earlier stream (replaced, or dead unnoticed) go again on this one;
        // the agent's journal answers those it already executed without executing them twice.
        requeueSent(session.storeId(), "delivered again on the agent's new connection");
        pump(session);
    }

    public void agentDisconnected(AgentSession session, String why) {
        session.complete();
        if (agents.detach(session)) {
            stores.disconnected(session.storeId(), clock.instant());
            log.info("{} closed: {}", session, why);
            requeueSent(session.storeId(), "the connection to the agent was lost before it reported");
        }
    }

    public void acknowledged(AgentSession session, String jobId) {
        store.acknowledge(jobId, session.storeId(), clock.instant());
    }

    public void resultReceived(AgentSession session, CommandResult result) {
        Instant now = clock.instant();
        Optional<Job> seen = store.find(result.getCommandId());
        if (seen.isEmpty() || !belongsTo(seen.get(), session)) {
            log.warn("{} reported a result for job {} which is not one of its store's jobs: ignored", session,
                    result.getCommandId());
            return;
        }
        Job before = seen.get();
        if (before.state().isFinal()) {
            log.debug("job {} is already {}: late result ignored", before.id(), before.state());
            return;
        }
        Optional<Job> after = store.update(before, job -> applyResult(job, result, now));
        if (after.isEmpty()) {
            resultReceived(session, result); // changed under us (requeued, expired): decide again
            return;
        }
        if (before.state() == JobState.SENT) {
            counter(session.storeId()).updateAndGet(n -> Math.max(0, n - 1));
        }
        if (result.hasPrinterStatus()) {
            stores.printerStatus(session.storeId(), before.printer(), result.getPrinterStatus(), now);
        }
        finished(after.get());
        pump(session);
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Sends the store's queued jobs while the stream is ready and the in-flight window has room.
     * Safe to call from any thread at any time; each session pumps under its own lock.
     */
    public void pump(AgentSession session) {
        synchronized (session) {
            AtomicInteger sent = counter(session.storeId());
            while (sent.get() < config.maxInFlightPerStore() && session.isReady()) {
                Instant now = clock.instant();
                Optional<Job> next = store.claimNext(session.storeId(), now);
                if (next.isEmpty()) {
                    return;
                }
                sent.incrementAndGet();
                Job job = next.get();
                events.publish(new BridgeEvent.JobChanged(job, now));
                if (!session.send(ServerMessage.newBuilder().setCommand(CommandFactory.toCommand(job, now)).build())) {
                    store.update(job.id(), JobState.SENT, j -> j.to(JobState.QUEUED, clock.instant(), "stream closed while sending"));
                    sent.decrementAndGet();
                    return;
                }
            }
        }
    }

    /** Expires what waited too long; runs every {@code bridge.jobs.sweep-interval}. */
    @Scheduled(fixedDelay = "${bridge.jobs.sweep-interval:1s}")
    void sweep() {
        try {
            expireOverdue();
        } catch (RuntimeException e) {
            // The database went away (shutdown, outage): the next sweep tries again.
            log.warn("job sweep failed, retrying at the next one: {}", e.toString());
        }
    }

    private void expireOverdue() {
        Instant now = clock.instant();
        for (Job job : store.expiredIn(JobState.QUEUED, now, SWEEP_BATCH)) {
            store.update(job.id(), JobState.QUEUED, j -> j.to(JobState.EXPIRED, now,
                            "its time to live ran out before the store's agent could take it")
                    .withError(new JobError("EXPIRED", "not delivered within its time to live; it will never be executed")))
                    .ifPresent(this::finished);
        }
        for (Job job : store.expiredIn(JobState.SENT, now.minus(config.resultGrace()), SWEEP_BATCH)) {
            store.update(job.id(), JobState.SENT, j -> j.acknowledged()
                    ? j.to(JobState.UNCERTAIN, now, "the agent took it but never reported").withError(new JobError(
                            "NO_RESULT", "the agent received the job but never reported; it may or may not have been executed"))
                    : j.to(JobState.EXPIRED, now, "the agent never took it").withError(new JobError(
                            "EXPIRED", "the agent never took the job within its time to live")))
                    .ifPresent(j -> {
                        counter(j.storeId()).updateAndGet(n -> Math.max(0, n - 1));
                        finished(j);
                    });
        }
    }

    /**
     * Deletes final jobs older than {@code bridge.jobs.retention}, so a store that never comes
     * back does not grow the database forever. Waiting jobs are never deleted here: they end by
     * expiring first.
     */
    @Scheduled(fixedDelay = "${bridge.jobs.purge-interval:10m}", initialDelay = "${bridge.jobs.purge-interval:10m}")
    void purge() {
        try {
            deleteExpiredHistory();
        } catch (RuntimeException e) {
            log.warn("purge of old jobs failed, retrying at the next one: {}", e.toString());
        }
    }

    private void deleteExpiredHistory() {
        Instant cutoff = clock.instant().minus(config.retention());
        int deleted;
        int total = 0;
        do {
            deleted = store.deleteFinishedBefore(cutoff, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        if (total > 0) {
            log.info("deleted {} final job(s) older than {}", total, config.retention());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static boolean belongsTo(Job job, AgentSession session) {
        return job.storeId().equals(session.storeId());
    }

    private static Job applyResult(Job job, CommandResult result, Instant now) {
        Job withStatus = job.withOutcome(result.getSucceeded().getBytesWritten(),
                result.hasPrinterStatus() ? result.getPrinterStatus() : null);
        if (result.hasSucceeded()) {
            return withStatus.to(JobState.DONE, now, result.getReplayed() ? "done (the agent's journal recalled it)" : "done");
        }
        FailureCode code = result.getFailed().getCode();
        String message = result.getFailed().getMessage();
        JobError error = new JobError(errorCode(code), message);
        JobState state = switch (code) {
            case FAILURE_CODE_EXPIRED -> JobState.EXPIRED;
            case FAILURE_CODE_INTERRUPTED, FAILURE_CODE_IO_ERROR -> JobState.UNCERTAIN;
            default -> JobState.FAILED;
        };
        return withStatus.to(state, now, message).withError(error);
    }

    /** The contract's failure code without its prefix: FAILURE_CODE_PAPER_OUT becomes PAPER_OUT. */
    static String errorCode(FailureCode code) {
        String name = code == FailureCode.UNRECOGNIZED ? "FAILURE_CODE_UNKNOWN" : code.name();
        return name.substring("FAILURE_CODE_".length());
    }

    private void requeueSent(String storeId, String why) {
        Instant now = clock.instant();
        List<Job> sent = store.inState(storeId, JobState.SENT);
        for (Job job : sent) {
            store.update(job.id(), JobState.SENT, j -> j.to(JobState.QUEUED, now, why));
        }
        if (!sent.isEmpty()) {
            log.info("store {}: {} job(s) queued again: {}", storeId, sent.size(), why);
            counter(storeId).set(0);
        }
    }

    private AtomicInteger counter(String storeId) {
        return inFlight.computeIfAbsent(storeId, k -> new AtomicInteger());
    }

    private void finished(Job job) {
        events.publish(new BridgeEvent.JobChanged(job, job.updatedAt()));
        log.info("job {} for store {} is {}{}", job.id(), job.storeId(), job.state(),
                job.error() != null ? ": " + job.error().message() : "");
        List<CompletableFuture<Job>> list = waiters.remove(job.id());
        if (list != null) {
            list.forEach(w -> w.complete(job));
        }
    }

    private void removeWaiter(String id, CompletableFuture<Job> waiter) {
        waiters.computeIfPresent(id, (k, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }
}
