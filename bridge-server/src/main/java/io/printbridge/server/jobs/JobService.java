package io.printbridge.server.jobs;

import static java.util.Objects.requireNonNull;

import io.printbridge.logging.LogSafe;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.streams.AgentRegistry;
import io.printbridge.server.streams.AgentSession;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.ids.TimeOrderedIds;
import io.printbridge.server.render.InvoiceRenderer;
import io.printbridge.server.render.InvoiceSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>The stream's {@link DeliveryQueue} decides what goes next and matches results in memory;
 * every change is written through the {@link JobStore}, in order, without waiting for it, except
 * where something depends on it being durable: a new job is answered to the ERP, and a final
 * state is announced, only once stored.
 */
@Singleton
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** Jobs expired per sweep; a backlog larger than this is worked off over the next sweeps. */
    private static final int SWEEP_BATCH = 500;
    /** When the agent should come back after its queue could not be read. */
    private static final Duration RETRY_AFTER_DATABASE_ERROR = Duration.ofSeconds(5);
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
    /** The deliveries of each store whose stream this server holds. */
    private final Map<String, DeliveryQueue> queues = new ConcurrentHashMap<>();

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
     * Stores a new job for {@code storeId} and, if its agent is connected here, sends it as soon as
     * the stream has room. Completes once the job is stored (never before: an accepted job
     * survives a restart), failing with {@link JobStore.QueueFullException} or
     * {@link IdempotencyConflictException}.
     *
     * @param idempotencyKey the client's key for this request, or null; a retry with the same key
     *     and the same request gets the first job back instead of a second print
     * @param requestHash identifies the request's content, to tell a retry from a different request;
     *     given whenever {@code idempotencyKey} is
     */
    public CompletableFuture<Submission> submit(String storeId, JobRequest request, String requestedBy,
            @Nullable String idempotencyKey, @Nullable String requestHash) throws UnknownStoreException, UnknownPrinterException {
        Job job = newJob(storeId, request, requestedBy, idempotencyKey, requestHash);
        return store.insert(List.of(job), config.maxQueuedPerStore())
                .thenApply(submissions -> accepted(storeId, submissions, idempotencyKey, requestHash).get(0));
    }

    /**
     * Stores several jobs for {@code storeId} at once, all or none (one transaction; a full queue
     * refuses them all), and delivers them in order. A retry under the same
     * {@code idempotencyKey} with the same {@code requestHash} gets the same jobs back; job
     * {@code i} of the batch is kept under the key {@code idempotencyKey#i}.
     *
     * @throws UnknownPrinterException naming the batch element ({@code jobs[i].printer})
     */
    public CompletableFuture<List<Submission>> submitAll(String storeId, List<JobRequest> requests, String requestedBy,
            @Nullable String idempotencyKey, @Nullable String requestHash) throws UnknownStoreException, UnknownPrinterException {
        List<Job> jobs = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                jobs.add(newJob(storeId, requests.get(i), requestedBy, idempotencyKey == null ? null : idempotencyKey + "#" + i,
                        requestHash));
            } catch (UnknownPrinterException e) {
                throw e.within("jobs[" + i + "]");
            }
        }
        return store.insert(jobs, config.maxQueuedPerStore())
                .thenApply(submissions -> accepted(storeId, submissions, idempotencyKey, requestHash));
    }

    /** A job for the store's printer, an invoice rendered for it: the agent only ever gets bytes. */
    private Job newJob(String storeId, JobRequest request, String requestedBy, @Nullable String idempotencyKey,
            @Nullable String requestHash) throws UnknownStoreException, UnknownPrinterException {
        if (!stores.isKnown(storeId)) {
            throw new UnknownStoreException(storeId);
        }
        Printer printer = stores.printer(storeId, request.printer()).orElseThrow(() -> new UnknownPrinterException(
                storeId, request.printer(), stores.printerNames(storeId)));
        Instant now = clock.instant();
        JobPayload payload = request.payload();
        // The drawer after a print has its own deadline, the drawer's time to live from now: the
        // receipt may wait hours for an offline shop, its drawer must not.
        @Nullable Instant drawerDeadline = request.openDrawer() ? now.plus(config.drawerTimeToLive()) : null;
        if (payload instanceof JobPayload.InvoiceToRender invoice) {
            payload = new JobPayload.Print(renderer.escPos(invoice.invoice(), printer.getCapabilities()),
                    new InvoiceSource(invoice.sourceJson(), printer.getCapabilities()), drawerDeadline);
        } else if (payload instanceof JobPayload.Print print) {
            payload = new JobPayload.Print(print.data(), print.source(), drawerDeadline);
        }
        Duration ttl = request.timeToLive() != null ? request.timeToLive()
                : request.type() == JobType.DRAWER ? config.drawerTimeToLive() : request.type().defaultTimeToLive();
        return Job.queued(TimeOrderedIds.next(), storeId, request.type(), request.printer(), payload, now,
                now.plus(ttl), requestedBy, idempotencyKey, requestHash);
    }

    /** Stored: announces the new jobs and hands them to the store's stream, if this server holds it. */
    private List<Submission> accepted(String storeId, List<Submission> submissions, @Nullable String idempotencyKey,
            @Nullable String requestHash) {
        List<Submission> answers = new ArrayList<>(submissions.size());
        DeliveryQueue queue = queues.get(storeId);
        for (Submission submission : submissions) {
            Job job = submission.job();
            if (!submission.created()) {
                answers.add(replay(job, idempotencyKey, requestHash));
                continue;
            }
            answers.add(submission);
            log.info("job {} ({}) for store {} queued by {}", job.id(), job.type().wireName(), storeId, job.requestedBy());
            events.publish(new BridgeEvent.JobChanged(job, job.createdAt()));
            if (queue != null) {
                synchronized (queue) {
                    queue.add(job);
                }
            }
        }
        if (queue != null) {
            pump(queue.session());
        }
        return answers;
    }

    private static Submission replay(Job earlier, @Nullable String key, @Nullable String requestHash) {
        if (requestHash == null || !requestHash.equals(earlier.requestHash())) {
            throw new CompletionException(new IdempotencyConflictException(key, earlier.id()));
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

    /**
     * A stream said Hello: it becomes the store's stream. Jobs sent on an earlier stream (replaced,
     * or dead unnoticed) are queued again, since the agent's journal answers those it already
     * executed without executing them twice; then the store's queue is read and delivered.
     */
    public void agentConnected(AgentSession session) {
        agents.attach(session);
        DeliveryQueue queue = new DeliveryQueue(session);
        queues.put(session.storeId(), queue);
        store.takeOver(session.storeId(), clock.instant(), "delivered again on the agent's new connection")
                .whenComplete((takeOver, error) -> {
                    if (error != null) {
                        log.error("{}: the store's queue could not be read; closing the stream so the agent comes back",
                                session, error);
                        session.disconnect(DisconnectReason.DISCONNECT_REASON_RECONNECT, RETRY_AFTER_DATABASE_ERROR,
                                "the server could not read this store's jobs");
                        return;
                    }
                    requeued(takeOver.requeued());
                    List<Job> waiting = takeOver.queue();
                    synchronized (queue) {
                        queue.loaded(waiting);
                    }
                    if (!waiting.isEmpty()) {
                        log.info("store {}: {} job(s) waiting for the new connection", session.storeId(), waiting.size());
                    }
                    pump(session);
                });
    }

    /** Announces jobs queued again after their stream was lost or replaced. */
    private void requeued(List<Job> jobs) {
        for (Job job : jobs) {
            events.publish(new BridgeEvent.JobChanged(job, job.updatedAt()));
        }
    }

    public void agentDisconnected(AgentSession session, String why) {
        session.complete();
        DeliveryQueue queue = queueOf(session);
        if (queue != null) {
            queues.remove(session.storeId(), queue);
        }
        if (agents.detach(session)) {
            Instant now = clock.instant();
            stores.disconnected(session.storeId(), now);
            log.info("{} closed: {}", session, why);
            store.requeueSent(session.storeId(), now, "the connection to the agent was lost before it reported")
                    .whenComplete((again, error) -> {
                        if (error != null) {
                            log.warn("store {}: sent jobs not queued again ({}); the next connection does it",
                                    session.storeId(), error.toString());
                        } else if (!again.isEmpty()) {
                            log.info("store {}: {} job(s) queued again: the connection was lost before the agent reported",
                                    session.storeId(), again.size());
                            requeued(again);
                        }
                    });
        }
    }

    public void acknowledged(AgentSession session, String jobId) {
        Instant now = clock.instant();
        DeliveryQueue queue = queueOf(session);
        if (queue != null) {
            synchronized (queue) {
                queue.acknowledged(jobId, now);
            }
        }
        store.acknowledge(jobId, session.storeId(), now);
    }

    public void resultReceived(AgentSession session, CommandResult result) {
        Instant now = clock.instant();
        DeliveryQueue queue = queueOf(session);
        Job sent = null;
        if (queue != null) {
            synchronized (queue) {
                sent = queue.answered(result.getCommandId());
            }
        }
        if (sent == null) {
            // Not sent on this stream as far as memory knows (an older stream's job, a sweep that
            // ended it): decide from the job as stored.
            settleFromDatabase(session, result, now);
            return;
        }
        Job before = sent;
        Job after = applyResult(before, result, now, opensDrawerAfterPrint(session));
        printerStatus(session, before, result, now);
        store.transition(before, after).whenComplete((applied, error) -> {
            if (error != null) {
                log.error("job {}: its result ({}) could not be stored", before.id(), after.state(), error);
            } else if (applied) {
                finished(after);
            } else {
                settleFromDatabase(session, result, now);
            }
        });
        pump(session);
    }

    private void settleFromDatabase(AgentSession session, CommandResult result, Instant now) {
        String id = result.getCommandId();
        AtomicBoolean known = new AtomicBoolean();
        store.update(id, job -> {
            if (!belongsTo(job, session)) {
                return null;
            }
            known.set(true);
            if (job.state().isFinal()) {
                log.debug("job {} is already {}: late result ignored", id, job.state());
                return null;
            }
            printerStatus(session, job, result, now);
            return applyResult(job, result, now, opensDrawerAfterPrint(session));
        }).whenComplete((changed, error) -> {
            if (error != null) {
                log.error("job {}: its result could not be stored", id, error);
            } else if (!known.get()) {
                log.warn("{} reported a result for job {} which is not one of its store's jobs: ignored", session,
                        LogSafe.text(id));
            } else {
                changed.ifPresent(this::finished);
            }
        });
    }

    private void printerStatus(AgentSession session, Job job, CommandResult result, Instant now) {
        if (result.hasPrinterStatus()) {
            stores.printerStatus(session.storeId(), job.printer(), result.getPrinterStatus(), now);
        }
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Sends the store's waiting jobs while the stream is ready and the in-flight window has room.
     * Safe to call from any thread at any time; each stream's queue is worked under its lock.
     */
    public void pump(AgentSession session) {
        DeliveryQueue queue = queueOf(session);
        if (queue == null) {
            return;
        }
        synchronized (queue) {
            if (!queue.isLoaded()) {
                return;
            }
            while (queue.inFlight() < config.maxInFlightPerStore() && session.isReady()) {
                Job next = queue.next();
                if (next == null) {
                    return;
                }
                Instant now = clock.instant();
                if (!next.expiresAt().isAfter(now)) {
                    expire(next, now);
                    continue;
                }
                Job sent = next.to(JobState.SENT, now, "sent to the agent");
                queue.sent(sent);
                store.sent(next, sent);
                events.publish(new BridgeEvent.JobChanged(sent, now));
                Command command = CommandFactory.toCommand(sent, now, opensDrawerAfterPrint(session));
                if (!session.send(ServerMessage.newBuilder().setCommand(command).build())) {
                    // The stream closed under us: its end queues the job again (requeueSent or the
                    // next stream's takeOver), after this SENT in the writer's order.
                    queue.answered(sent.id());
                    return;
                }
            }
        }
    }

    private void expire(Job waiting, Instant now) {
        Job expired = expiredWhileWaiting(waiting, now);
        store.transition(waiting, expired).thenAccept(applied -> {
            if (applied) {
                finished(expired);
            }
        });
    }

    /** A waiting job whose time to live ran out: it will never be sent (nor its drawer opened). */
    private static Job expiredWhileWaiting(Job waiting, Instant now) {
        return withDrawerIfAsked(waiting.to(JobState.EXPIRED, now, "its time to live ran out before the store's agent could take it")
                .withError(new JobError("EXPIRED", "not delivered within its time to live; it will never be executed")),
                DrawerOutcome.NOT_OPENED);
    }

    /** A sent job with no result past its time to live and the grace: UNCERTAIN if the agent had it. */
    private static Job endedWithoutResult(Job sent, Instant now) {
        return sent.acknowledged()
                ? withDrawerIfAsked(sent.to(JobState.UNCERTAIN, now, "the agent took it but never reported").withError(new JobError(
                        "NO_RESULT", "the agent received the job but never reported; it may or may not have been executed")),
                        DrawerOutcome.UNKNOWN)
                : withDrawerIfAsked(sent.to(JobState.EXPIRED, now, "the agent never took it").withError(new JobError(
                        "EXPIRED", "the agent never took the job within its time to live")), DrawerOutcome.NOT_OPENED);
    }

    private static Job withDrawerIfAsked(Job job, DrawerOutcome outcome) {
        return job.drawerDeadline() != null && job.drawer() == null ? job.withDrawer(outcome) : job;
    }

    /**
     * Whether the agent behind {@code session} opens the drawer after a print as its own action
     * (contract revision 2). An older agent would ignore the request without a word, so it is
     * never sent one: its receipts print without the pulse and say so.
     */
    static boolean opensDrawerAfterPrint(AgentSession session) {
        Hello hello = session.hello();
        return hello != null && hello.getProtocolVersion() >= 2;
    }

    /** Expires what waited too long; {@link JobSchedule} runs it every {@code bridge.jobs.sweep-interval}. */
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
        List<CompletableFuture<?>> changes = new ArrayList<>();
        // Each change is guarded by the job's state and step as read here: one that moved on since
        // (sent meanwhile, answered meanwhile) is left as it is.
        for (Job job : store.expiredIn(JobState.QUEUED, now, SWEEP_BATCH)) {
            changes.add(endBySweep(job, expiredWhileWaiting(job, now)));
        }
        for (Job job : store.expiredIn(JobState.SENT, now.minus(config.resultGrace()), SWEEP_BATCH)) {
            changes.add(endBySweep(job, endedWithoutResult(job, now)));
        }
        // One sweep's changes are written before the next sweep looks, so they never pile up.
        CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> endBySweep(Job current, Job ended) {
        return store.transition(current, ended).thenAccept(applied -> {
            if (applied) {
                endedBySweep(ended);
            }
        });
    }

    /** A job the sweep ended leaves its stream's queue (freeing a window slot) and is announced. */
    private void endedBySweep(Job job) {
        DeliveryQueue queue = queues.get(job.storeId());
        if (queue != null) {
            boolean wasThere;
            synchronized (queue) {
                wasThere = queue.forget(job.id());
            }
            if (wasThere) {
                pump(queue.session());
            }
        }
        finished(job);
    }

    /**
     * Deletes final jobs older than {@code bridge.jobs.retention}, so a store that never comes
     * back does not grow the database forever. Waiting jobs are never deleted here: they end by
     * expiring first. {@link JobSchedule} runs it every {@code bridge.jobs.purge-interval}.
     */
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

    static Job applyResult(Job job, CommandResult result, Instant now, boolean agentOpensDrawer) {
        DrawerOutcome drawer = drawerOutcome(job, result, agentOpensDrawer);
        Job withStatus = job.withOutcome(result.getSucceeded().getBytesWritten(),
                result.hasPrinterStatus() ? result.getPrinterStatus() : null).withDrawer(drawer);
        String drawerNote = drawer == null ? "" : "; " + drawer.describe();
        if (result.hasSucceeded()) {
            return withStatus.to(JobState.DONE, now,
                    (result.getReplayed() ? "done (the agent's journal recalled it)" : "done") + drawerNote);
        }
        FailureCode code = result.getFailed().getCode();
        String message = result.getFailed().getMessage();
        JobError error = new JobError(errorCode(code), message);
        JobState state = switch (code) {
            case FAILURE_CODE_EXPIRED -> JobState.EXPIRED;
            case FAILURE_CODE_INTERRUPTED, FAILURE_CODE_IO_ERROR -> JobState.UNCERTAIN;
            default -> JobState.FAILED;
        };
        return withStatus.to(state, now, message + drawerNote).withError(error);
    }

    /**
     * The drawer's fate after a print that asked for it: as the agent reported it, else as far as
     * the server can tell (a print that failed never pulses; one that may have run is unknown).
     */
    private static @Nullable DrawerOutcome drawerOutcome(Job job, CommandResult result, boolean agentOpensDrawer) {
        Instant deadline = job.drawerDeadline();
        if (deadline == null) {
            return null;
        }
        DrawerOutcome reported = DrawerOutcome.of(result.getDrawer());
        if (reported != null) {
            return reported;
        }
        if (!agentOpensDrawer) {
            return result.hasSucceeded() ? DrawerOutcome.UNSUPPORTED : DrawerOutcome.NOT_OPENED;
        }
        if (result.hasSucceeded()) {
            // The pulse is left out of a command sent after its deadline (CommandFactory).
            Instant sentAt = job.sentAt();
            return sentAt != null && !sentAt.isBefore(deadline) ? DrawerOutcome.EXPIRED : DrawerOutcome.UNKNOWN;
        }
        return switch (result.getFailed().getCode()) {
            case FAILURE_CODE_INTERRUPTED, FAILURE_CODE_IO_ERROR -> DrawerOutcome.UNKNOWN;
            default -> DrawerOutcome.NOT_OPENED;
        };
    }

    /** The contract's failure code without its prefix: FAILURE_CODE_PAPER_OUT becomes PAPER_OUT. */
    static String errorCode(FailureCode code) {
        String name = code == FailureCode.UNRECOGNIZED ? "FAILURE_CODE_UNKNOWN" : code.name();
        return name.substring("FAILURE_CODE_".length());
    }

    /** The queue of {@code session}'s stream, or null if it is not the store's current one. */
    private @Nullable DeliveryQueue queueOf(AgentSession session) {
        DeliveryQueue queue = queues.get(session.storeId());
        return queue != null && queue.session() == session ? queue : null;
    }

    private void finished(Job job) {
        events.publish(new BridgeEvent.JobChanged(job, job.updatedAt()));
        log.info("job {} for store {} is {}{}", job.id(), job.storeId(), job.state(),
                job.error() != null ? ": " + LogSafe.text(job.error().message()) : ""); // agents' words
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
