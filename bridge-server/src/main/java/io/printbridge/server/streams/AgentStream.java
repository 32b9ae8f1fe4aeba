package io.printbridge.server.streams;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.printbridge.logging.LogSafe;
import io.printbridge.logging.RateLimitedLog;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.CertificateRenewed;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.HeartbeatEcho;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.PrinterStatusChanged;
import io.printbridge.proto.v1.RenewalRefused;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.TrustBundle;
import io.printbridge.proto.v1.Welcome;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.CertificateRenewals;
import io.printbridge.server.jobs.CommandFactory;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobResults;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent stream on this server, and everything that lives as long as it: the agent's Hello,
 * the outbound side, the store's deliveries (waiting jobs and the in-flight window), the matching
 * of results, and what the stream may cost (its inbound budget, its deadlines).
 *
 * <p>Every method takes the stream's own monitor, so a result, a new job, the transport becoming
 * ready and the sweep never race on the queue; messages are sent under it, in the order decided.
 * Nothing here blocks: database writes are asked of the job writer, and what depends on them runs
 * when they complete. Other streams have their own monitors: no store waits for another's.
 *
 * <p>Results are matched from memory only. Every job of the store that is not final is in the
 * queue once it is loaded (waiting or in flight), so a result for an id the queue does not know is
 * for a job already final, or for nothing; it costs no database read and is logged at a bounded
 * rate. Results that arrive while the queue is still being read are kept (a few) until it is in.
 */
public final class AgentStream {

    private static final Logger log = LoggerFactory.getLogger(AgentStream.class);
    private static final AtomicLong NUMBERS = new AtomicLong();
    /** Results kept while the queue loads: more than the window of the stream before, with room. */
    private static final int MAX_EARLY_RESULTS = 64;
    /** When the agent should come back after its store's queue could not be read. */
    private static final Duration RETRY_AFTER_DATABASE_ERROR = Duration.ofSeconds(5);

    /** Where one stream stands. */
    public enum State {
        /** Opened and authenticated by its certificate; the Hello has not come. Nothing is sent. */
        AWAITING_HELLO,
        /** Welcomed; the store's queue is being read. Results are kept until it is in. */
        LOADING,
        /** The queue is in memory: jobs go out while the window has room and the transport is ready. */
        DELIVERING,
        /** Over: replaced, refused, told to go, or gone. Nothing more is sent or taken. */
        CLOSED
    }

    private final AgentStreams hub;
    private final String storeId;
    private final long number = NUMBERS.incrementAndGet();
    private final String peer;
    /** The certificate the agent showed; null only for streams made by hand in tests. */
    private final @Nullable X509Certificate certificate;
    /**
     * When that certificate ends, read once: the deadline check asks it of every stream every few
     * seconds, and the JDK's certificate looks it up by name each time (found profiling an idle
     * fleet of 10,000: most of the checks' time).
     */
    private final @Nullable Instant certificateEnds;

    private final Outbound outbound;
    private final Instant openedAt;
    private final long openedAtNanos;
    private final InboundBudget budget;
    private final DeliveryQueue queue = new DeliveryQueue();
    private final List<CommandResult> early = new ArrayList<>();
    private final RateLimitedLog strayResults = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));
    private State state = State.AWAITING_HELLO;
    private @Nullable Hello hello;
    private boolean opensDrawerAfterPrint;
    /** Whether a certificate renewal asked on this stream is being issued: one at a time. */
    private boolean renewing;
    /** Whether the Welcome went out: nothing else may go before it. */
    private boolean welcomeSent;
    /** Under the monitor: this stream's claim of its store in the cluster (0 until granted). */
    private long epoch;
    /** Under the monitor: when this stream took its store over from another server, if it did. */
    private @Nullable Instant takenOverFromOtherServerAt;
    /** Since when something waits to be sent while the transport is not ready; -1 while nothing does. */
    private long stalledSinceNanos = -1;

    private volatile Instant lastSeen;
    /** Whether it still counts among its store's streams that wait for a Hello. */
    private final AtomicBoolean holdsHelloSlot = new AtomicBoolean(true);

    AgentStream(
            AgentStreams hub, String storeId, String peer, @Nullable X509Certificate certificate, Outbound outbound) {
        this.hub = requireNonNull(hub, "hub");
        this.storeId = requireNonNull(storeId, "storeId");
        this.peer = requireNonNull(peer, "peer");
        this.certificate = certificate;
        this.certificateEnds =
                certificate == null ? null : certificate.getNotAfter().toInstant();
        this.outbound = requireNonNull(outbound, "outbound");
        this.openedAt = hub.clock().instant();
        this.openedAtNanos = hub.nanoTime();
        this.lastSeen = openedAt;
        StreamsConfig limits = hub.config();
        this.budget = new InboundBudget(
                limits.maxMessagesPerSecond(),
                limits.messageBurst(),
                limits.maxBytesPerSecond(),
                limits.byteBurst(),
                openedAtNanos);
    }

    public String storeId() {
        return storeId;
    }

    public String peer() {
        return peer;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public synchronized @Nullable Hello hello() {
        return hello;
    }

    /** The PC's host name from its Hello, for people ({@code ?} before the Hello). */
    public synchronized String hostname() {
        return hello == null ? "?" : hello.getHostname();
    }

    /** The certificate the agent showed, if known. */
    public @Nullable X509Certificate certificate() {
        return certificate;
    }

    public synchronized State state() {
        return state;
    }

    /** Jobs waiting and in flight, for tests and the dashboard. */
    public synchronized int waiting() {
        return queue.waitingCount();
    }

    public synchronized int inFlight() {
        return queue.inFlight();
    }

    // ------------------------------------------------------------------ from the agent

    /**
     * Takes one inbound message of {@code bytes} from this stream's budget; false when the agent
     * sends faster than it may, and the stream must be refused. Called for every message, before
     * anything else looks at it, from the stream's one inbound thread.
     */
    public boolean admit(int bytes) {
        return budget.take(bytes, hub.nanoTime());
    }

    /**
     * The agent said who it is: it is welcomed ({@code welcome}, which this completes with the
     * store and the server's time, goes out before any command), becomes its store's stream
     * (replacing an older one), and the store's queue is read: jobs an earlier stream had sent are
     * queued again, since the agent's journal answers those it already ran without running them
     * twice.
     */
    public void hello(Hello said, Welcome.Builder welcome) {
        Instant now = hub.clock().instant();
        String refusal = certificate == null ? null : hub.standing().refusal(storeId, certificate);
        if (refusal != null) {
            // Accepted by TLS (the CA's, not expired) but revoked or replaced: told why, so the
            // agent stops dialling and says what to do, rather than retrying for ever.
            log.warn("{}: refused: {}", this, refusal);
            disconnect(DisconnectReason.DISCONNECT_REASON_REVOKED, Duration.ZERO, refusal);
            return;
        }
        Optional<Duration> stopping = hub.returnAfterIfStopping();
        if (stopping.isPresent()) {
            disconnect(DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN, stopping.get(), "server shutting down");
            return;
        }
        clockSkew(said, now);
        synchronized (this) {
            if (state != State.AWAITING_HELLO) {
                if (state != State.CLOSED) {
                    log.warn("{}: second Hello ignored", this);
                }
                return;
            }
            hello = said;
            opensDrawerAfterPrint = said.getProtocolVersion() >= 2;
            state = State.LOADING;
            lastSeen = now;
        }
        log.info(
                "{} connected: agent {}, host {}, printers {}",
                this,
                LogSafe.text(said.getAgentVersion()),
                LogSafe.text(said.getHostname()),
                said.getPrintersList().stream()
                        .map(p -> p.getName() + (p.getIsDefault() ? "*" : ""))
                        .toList());
        hub.stores()
                .connected(
                        storeId,
                        said,
                        now,
                        certificate == null ? null : certificate.getNotAfter().toInstant());
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            outbound.send(ServerMessage.newBuilder()
                    .setWelcome(welcome.setStoreId(storeId).setServerTime(ProtoTimestamps.of(now)))
                    .build());
            welcomeSent = true;
            // The CA bundle of now, before any command: an agent that was offline during a rollover catches up.
            sendTrust(hub.trustBundle());
        }
        hub.welcomed(this);
        if (certificate != null) {
            hub.standing().inUse(storeId, certificate);
        }
        hub.claim(this)
                .thenCompose(
                        claim -> hub.jobs().takeOver(storeId, now, "delivered again on the agent's new connection"))
                .whenComplete((takeOver, error) -> {
                    if (error != null) {
                        log.error(
                                "{}: the store's queue could not be read; closing the stream so the agent comes back",
                                this,
                                error);
                        disconnect(
                                DisconnectReason.DISCONNECT_REASON_RECONNECT,
                                RETRY_AFTER_DATABASE_ERROR,
                                "the server could not read this store's jobs");
                        return;
                    }
                    announce(takeOver.requeued());
                    loaded(takeOver.queue());
                });
    }

    /** The agent's heartbeat: echoed when the transport can take it (a stream that does not read gets none). */
    public void heartbeat(long sequence) {
        Instant now = hub.clock().instant();
        lastSeen = now;
        hub.stores().seen(storeId, now);
        synchronized (this) {
            if (state == State.CLOSED || state == State.AWAITING_HELLO) {
                return;
            }
            if (!outbound.isReady()) {
                stalled();
                return;
            }
            outbound.send(ServerMessage.newBuilder()
                    .setHeartbeatEcho(
                            HeartbeatEcho.newBuilder().setSequence(sequence).setServerTime(ProtoTimestamps.of(now)))
                    .build());
        }
    }

    /** The agent has job {@code id} and will run it: recorded if it is in flight here, else nothing to record. */
    public void acknowledged(String id) {
        Instant now = hub.clock().instant();
        lastSeen = now;
        synchronized (this) {
            if (state != State.DELIVERING || !queue.acknowledged(id, now)) {
                return;
            }
        }
        hub.jobs().acknowledge(id, storeId, now);
    }

    /**
     * The agent asks for a new certificate for the new key in {@code request} (RenewCertificate):
     * issued for this stream's store, with the host name from its Hello, off this thread; the
     * answer ({@code renewed} or {@code renewal_refused}) goes out on this stream, in order with the
     * rest. One renewal at a time per stream; asked before the Welcome, it is not answered.
     */
    public void renew(byte[] request) {
        Instant now = hub.clock().instant();
        lastSeen = now;
        String host;
        synchronized (this) {
            if (state == State.AWAITING_HELLO || state == State.CLOSED) {
                // Bounded by the stream's budget and its Hello deadline; not worth a line each.
                log.debug(
                        "{}: certificate renewal asked before the Welcome, not answered (expected: Hello first)", this);
                return;
            }
            if (renewing) {
                send(refusedRenewal("a renewal is already being issued on this connection (expected: one at a time)"));
                return;
            }
            renewing = true;
            host = hostname();
        }
        hub.renewals().renew(storeId, host, certificate, request).whenComplete((outcome, error) -> {
            ServerMessage answer;
            if (outcome instanceof CertificateRenewals.Outcome.Renewed renewed) {
                answer = renewedMessage(renewed.issued());
            } else if (outcome instanceof CertificateRenewals.Outcome.Refused refused) {
                answer = refusedRenewal(refused.message());
            } else {
                answer = refusedRenewal("the server could not issue a certificate now (" + error
                        + "); the agent keeps its certificate and asks again later");
            }
            synchronized (this) {
                renewing = false;
                if (state == State.CLOSED) {
                    // Never seen in a handshake, so it retires nothing: the agent asks again.
                    log.info("{}: the renewal's answer is lost, the stream closed meanwhile", this);
                    return;
                }
                send(answer);
            }
        });
    }

    private static ServerMessage renewedMessage(CertificateIssuer.Issued issued) {
        CertificateRenewed.Builder renewed = CertificateRenewed.newBuilder().setCertificate(der(issued.certificate()));
        issued.trusted().forEach(ca -> renewed.addCaCertificates(der(ca)));
        return ServerMessage.newBuilder().setRenewed(renewed).build();
    }

    private static ServerMessage refusedRenewal(String message) {
        return ServerMessage.newBuilder()
                .setRenewalRefused(RenewalRefused.newBuilder().setMessage(message))
                .build();
    }

    private static ByteString der(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate " + certificate.getSerialNumber() + " cannot be encoded", e);
        }
    }

    /**
     * Sends one answer of its own (not a job: it takes no window slot), even on a transport that is
     * not ready: it is small and rare, and a stream that never reads is closed by its stall deadline.
     * Called under the monitor.
     */
    private void send(ServerMessage message) {
        if (!outbound.send(message)) {
            log.debug("{}: answer not sent, the call is over", this);
        }
    }

    /**
     * Answers the agent about its attendance (contract revision 4): small and rare, not a job, so
     * sent like the other answers of its own.
     */
    public synchronized void answer(ServerMessage message) {
        if (state != State.CLOSED) {
            send(message);
        }
    }

    /** A printer of the agent reports a new status. */
    public void printerStatus(PrinterStatusChanged change) {
        Instant now = hub.clock().instant();
        lastSeen = now;
        if (state() != State.AWAITING_HELLO) {
            hub.stores().printerStatus(storeId, change.getPrinter(), change.getStatus(), now);
        }
    }

    /** The agent's result for a command: the job ends as it says, once stored. */
    public void result(CommandResult result) {
        Instant now = hub.clock().instant();
        lastSeen = now;
        Matched matched;
        synchronized (this) {
            matched = match(result, now);
            if (matched == null) {
                return;
            }
            pump();
        }
        settle(matched, now);
    }

    /** A result and the job it ends: as it was, and as the result leaves it. */
    private record Matched(CommandResult result, Job before, Job after) {}

    /**
     * The job {@code result} is for, taken out of the queue (which frees its window slot), or
     * null: kept for later while the queue loads, or a stray. Called under the monitor.
     */
    private @Nullable Matched match(CommandResult result, Instant now) {
        switch (state) {
            case AWAITING_HELLO, CLOSED -> {
                return null; // before Hello nothing was sent; once closed, the requeue and the next stream answer it
            }
            case LOADING -> {
                if (early.size() < MAX_EARLY_RESULTS) {
                    early.add(result);
                } else {
                    stray(
                            result.getCommandId(),
                            "arrived before the store's queue was read, beyond " + MAX_EARLY_RESULTS);
                }
                return null;
            }
            case DELIVERING -> {}
        }
        Job before = queue.answered(result.getCommandId());
        if (before == null) {
            // A job an earlier stream had sent, queued again and not yet sent on this one.
            before = queue.takeWaiting(result.getCommandId());
        }
        if (before == null) {
            stray(result.getCommandId(), "names no job waiting or in flight for store " + storeId);
            return null;
        }
        return new Matched(result, before, JobResults.applyResult(before, result, now, opensDrawerAfterPrint));
    }

    /** Outside the monitor: the printer's status is recorded, and the job ends once the change is stored. */
    private void settle(Matched matched, Instant now) {
        CommandResult result = matched.result();
        if (result.hasPrinterStatus()) {
            hub.stores().printerStatus(storeId, matched.before().printer(), result.getPrinterStatus(), now);
        }
        Job ended = matched.after();
        hub.jobs().transition(matched.before(), ended).whenComplete((applied, error) -> {
            if (error != null) {
                log.error(
                        "job {}: its result ({}) could not be stored: {}", ended.id(), ended.state(), error.toString());
            } else if (applied) {
                hub.waiters().finished(ended);
            } else {
                // Moved on meanwhile (the sweep ended it, a newer stream took it over): that one counts.
                log.debug("job {}: result not applied, the job changed meanwhile", ended.id());
            }
        });
    }

    /** The transport can take more: jobs go out, if any wait. */
    public void ready() {
        synchronized (this) {
            pump();
        }
    }

    /**
     * The call is over (the agent closed it, the network failed, or this server ended it): if this
     * was its store's stream, the store is offline and the jobs it had sent are queued again, for
     * the next stream.
     */
    public void ended(String why) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        hub.closed(this, why);
    }

    /** This was its store's stream and is over: the store is offline, and the jobs sent on it are queued again. */
    void wentOffline(String why) {
        Instant now = hub.clock().instant();
        hub.stores().disconnected(storeId, now);
        ShutdownClosures shutdown = hub.shutdown();
        if (shutdown.stopping()) {
            shutdown.streamClosed();
            log.debug("{} closed: {}", this, LogSafe.text(why, 300));
        } else {
            log.info("{} closed: {}", this, LogSafe.text(why, 300));
        }
        hub.jobs()
                .requeueSent(storeId, now, "the connection to the agent was lost before it reported")
                .whenComplete((again, error) -> {
                    if (error != null) {
                        log.warn(
                                "store {}: sent jobs not queued again ({}); the next connection does it",
                                storeId,
                                error.toString());
                    } else if (!again.isEmpty()) {
                        if (shutdown.stopping()) {
                            shutdown.jobsQueuedAgain(again.size());
                        } else {
                            log.info(
                                    "store {}: {} job(s) queued again: the connection was lost before the agent"
                                            + " reported",
                                    storeId,
                                    again.size());
                        }
                        announce(again);
                    }
                });
    }

    // ------------------------------------------------------------------ from this server

    /** The epoch this stream holds its store under in the cluster: 0 until claimed (and always on one server). */
    public synchronized long epoch() {
        return epoch;
    }

    /**
     * The store's claim for this stream was granted: false if the stream is over already (the
     * claim is then given back).
     */
    synchronized boolean claimed(Cluster.Claim claim, Instant at) {
        epoch = claim.epoch();
        if (claim.fromOtherServer()) {
            takenOverFromOtherServerAt = at;
        }
        return state != State.CLOSED;
    }

    /**
     * Whether {@code job}, never sent by this server, may have been sent by the server that held
     * the store's stream before this one: made before the take-over, within the result grace after
     * it (that server's SENT may never have been written; see AgentStreams.predecessorMayHaveSent).
     */
    private boolean otherServerMayHaveSent(Job job, Instant now) {
        Instant at = takenOverFromOtherServerAt;
        return at != null
                && job.createdAt().isBefore(at)
                && now.isBefore(at.plus(hub.jobsConfig().resultGrace()));
    }

    /** True the first time only: the stream no longer counts among those waiting for a Hello. */
    boolean releaseHelloSlot() {
        return holdsHelloSlot.compareAndSet(true, false);
    }

    /** A new job of this store was stored: it goes out when the window has room. */
    void offer(Job job) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            queue.add(job);
            pump();
        }
    }

    /** {@code jobId} was ended by the sweep: it leaves the queue, freeing its window slot. */
    void forget(String jobId) {
        synchronized (this) {
            if (queue.forget(jobId)) {
                pump();
            }
        }
    }

    /**
     * The CA certificates the agent trusts for the server from now on (DER): sent if the agent
     * takes them (revision 3) and was welcomed. One message per change of the store CAs, so it is
     * sent even while the transport is not ready: it cannot pile up.
     *
     * @return true if it was sent
     */
    boolean trust(List<ByteString> bundle) {
        synchronized (this) {
            if (!welcomeSent || state == State.CLOSED) {
                return false; // before the Welcome: the Hello sends the bundle of its time
            }
            return sendTrust(bundle);
        }
    }

    /** Under the monitor, once welcomed. */
    private boolean sendTrust(List<ByteString> bundle) {
        Hello said = hello;
        if (bundle.isEmpty() || said == null || said.getProtocolVersion() < 3) {
            return false;
        }
        return outbound.send(ServerMessage.newBuilder()
                .setTrust(TrustBundle.newBuilder().addAllCaCertificates(bundle))
                .build());
    }

    /** Tells the agent why this stream ends and when to come back, then closes it. */
    public void disconnect(DisconnectReason reason, Duration reconnectAfter, String message) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            outbound.send(ServerMessage.newBuilder()
                    .setDisconnect(Disconnect.newBuilder()
                            .setReason(reason)
                            .setReconnectAfter(ProtoDurations.of(reconnectAfter))
                            .setMessage(message))
                    .build());
            outbound.complete();
        }
        ended("told to disconnect (" + reason + "): " + message);
    }

    /** Ends the stream with {@code status}, which says why (a refused message, a limit). */
    public void refuse(Status status) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            outbound.fail(status);
        }
        ended("refused: " + status.getCode() + " " + status.getDescription());
    }

    /**
     * Closes the stream if it is past a deadline: no Hello within {@code hello-timeout}, or an
     * agent that has read nothing for {@code max-outbound-stall} while something waits for it.
     */
    void checkDeadlines(long nowNanos) {
        Instant ends = certificateEnds;
        if (ends != null && state() != State.CLOSED && hub.clock().instant().isAfter(ends)) {
            // The agent should have renewed long before; its next handshake would be refused anyway.
            String expired = "this PC's certificate for store " + storeId + " expired at " + ends
                    + "; ask IT for a new enrolment code";
            log.warn("{}: closing the stream: {}", this, expired);
            disconnect(DisconnectReason.DISCONNECT_REASON_REVOKED, Duration.ZERO, expired);
            return;
        }
        Status late = null;
        synchronized (this) {
            StreamsConfig limits = hub.config();
            if (state == State.AWAITING_HELLO
                    && nowNanos - openedAtNanos > limits.helloTimeout().toNanos()) {
                late = Status.DEADLINE_EXCEEDED.withDescription(
                        "no Hello within " + limits.helloTimeout().toSeconds()
                                + " s of the stream's opening (expected: Hello first, at once)");
            } else if (stalledSinceNanos != -1
                    && nowNanos - stalledSinceNanos > limits.maxOutboundStall().toNanos()) {
                late = Status.RESOURCE_EXHAUSTED.withDescription("the agent read nothing for "
                        + limits.maxOutboundStall().toSeconds() + " s while the server had messages for it");
            }
        }
        if (late != null) {
            log.warn("{}: closing the stream: {}", this, late.getDescription());
            refuse(late);
        }
    }

    // ------------------------------------------------------------------ delivery

    /** The store's queue as read at take-over: jobs flow from now on, and results kept meanwhile are matched. */
    private void loaded(List<Job> waiting) {
        Instant now = hub.clock().instant();
        List<Matched> answered = new ArrayList<>();
        synchronized (this) {
            if (state != State.LOADING) {
                return;
            }
            queue.loaded(waiting);
            state = State.DELIVERING;
            // Results kept meanwhile first: their jobs must not go out again.
            for (CommandResult result : early) {
                Matched matched = match(result, now);
                if (matched != null) {
                    answered.add(matched);
                }
            }
            early.clear();
            if (!waiting.isEmpty()) {
                log.info("store {}: {} job(s) waiting for the new connection", storeId, waiting.size());
            }
            pump();
        }
        answered.forEach(matched -> settle(matched, now));
    }

    /**
     * Sends waiting jobs while the stream delivers, the window has room and the transport is ready.
     * Called under the monitor.
     */
    private void pump() {
        int window = hub.jobsConfig().maxInFlightPerStore();
        while (state == State.DELIVERING && queue.inFlight() < window) {
            if (queue.waitingCount() == 0) {
                stalledSinceNanos = -1;
                return;
            }
            if (!outbound.isReady()) {
                stalled();
                return;
            }
            Job next = queue.next();
            if (next == null) {
                return; // counted as waiting above; nothing else takes from the queue
            }
            Instant now = hub.clock().instant();
            // Past its time to live, a job never sent is over; one that may have been sent before
            // (on a stream that ended, or by the server process before this one) goes again with
            // no time left: the agent answers from its journal if it ran it, and refuses it as
            // expired, for good, if it did not.
            if (!next.expiresAt().isAfter(now)
                    && next.deliveries() == 0
                    && !hub.predecessorMayHaveSent(next, now)
                    && !otherServerMayHaveSent(next, now)) {
                expire(next, now);
                continue;
            }
            Job sent = next.to(JobState.SENT, now, "sent to the agent");
            queue.sent(sent);
            hub.jobs().sent(next, sent);
            hub.events().publish(new BridgeEvent.JobChanged(sent, now));
            Command command = CommandFactory.toCommand(sent, now, opensDrawerAfterPrint);
            if (!outbound.send(ServerMessage.newBuilder().setCommand(command).build())) {
                // The call is over under us: its end queues the job again (after this SENT, in the writer's order).
                queue.answered(sent.id());
                return;
            }
        }
        stalledSinceNanos = -1;
    }

    /** Logs an agent whose clock is far from the server's: its certificates would look not yet valid or expired. */
    private void clockSkew(Hello said, Instant now) {
        if (!said.hasAgentTime()) {
            return;
        }
        Duration skew = Duration.between(now, ProtoTimestamps.toJava(said.getAgentTime()));
        if (skew.abs().compareTo(hub.identity().clockSkewWarning()) > 0) {
            log.warn(
                    "{}: the PC's clock is {} {} the server's (more than {}): set the PC's time, or its certificate may"
                            + " look not yet valid or expired",
                    this,
                    skew.abs(),
                    skew.isNegative() ? "behind" : "ahead of",
                    hub.identity().clockSkewWarning());
        }
    }

    private void stalled() {
        if (stalledSinceNanos == -1) {
            stalledSinceNanos = hub.nanoTime();
        }
    }

    private void expire(Job waiting, Instant now) {
        Job expired = JobResults.expiredWhileWaiting(waiting, now);
        JobStore jobs = hub.jobs();
        jobs.transition(waiting, expired).thenAccept(applied -> {
            if (applied) {
                hub.waiters().finished(expired);
            }
        });
    }

    /** Jobs queued again after their stream was lost or replaced are announced (QUEUED again). */
    private void announce(List<Job> requeued) {
        for (Job job : requeued) {
            hub.events().publish(new BridgeEvent.JobChanged(job, job.updatedAt()));
        }
    }

    private void stray(String id, String why) {
        long unlogged = strayResults.logNow(hub.nanoTime());
        if (unlogged >= 0) {
            log.warn(
                    "{}: result for command \"{}\" ignored: it {}{}",
                    this,
                    LogSafe.text(id, 40),
                    why,
                    unlogged > 0 ? " (and " + unlogged + " more such results in the last minute)" : "");
        }
    }

    @Override
    public String toString() {
        return "store " + storeId + " stream #" + number + " from " + peer;
    }
}
