package io.printbridge.server.streams;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.printbridge.certs.IssuedBy;
import io.printbridge.logging.RateLimitedLog;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.cluster.ClusterMessage;
import io.printbridge.server.cluster.LocalServer;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.identity.CertificateRenewals;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.IdentityConfig;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobDelivery;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobWaiters;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.stores.StoreDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every agent stream this server holds, and for each store the one that is its stream: a stream
 * becomes its store's when it says Hello, replacing an older one, which is told SUPERSEDED and
 * closed. New jobs and jobs the sweep ended reach their store's stream through here
 * ({@link JobDelivery}). A timer looks at every open stream for its deadlines.
 */
@Singleton
@Requires(notEnv = "cli")
public final class AgentStreams implements JobDelivery {

    private static final Logger log = LoggerFactory.getLogger(AgentStreams.class);

    private final JobStore jobs;
    private final JobWaiters waiters;
    private final BridgeEvents events;
    private final StoreDirectory stores;
    private final JobsConfig jobsConfig;
    private final StreamsConfig config;
    private final CertificateStanding standing;
    private final StoreConflicts conflicts;
    private final IdentityConfig identity;
    private final CertificateRenewals renewals;
    private final Cluster cluster;
    private final Clock clock;
    /** When this process began delivering jobs: see {@link #predecessorMayHaveSent}. */
    private final Instant startedAt;

    private final LongSupplier nanoTime;
    /** Each store's current stream: the one that said Hello last. */
    private final Map<String, AgentStream> current = new ConcurrentHashMap<>();
    /** Every open stream, welcomed or not, for the deadline checks. */
    private final Set<AgentStream> open = ConcurrentHashMap.newKeySet();
    /** Streams per store that wait for their Hello. */
    private final Map<String, Integer> awaitingHello = new ConcurrentHashMap<>();
    /** Each store's budget of new streams (one entry per store certificate ever seen). */
    private final Map<String, InboundBudget> connects = new ConcurrentHashMap<>();
    /** Refused streams are logged once a minute per store, however fast a store opens them. */
    private final Map<String, RateLimitedLog> refusals = new ConcurrentHashMap<>();
    /** The CA bundle agents trust for the server (DER), handed to each revision-3 stream after its Welcome. */
    private volatile List<ByteString> trustBundle = List.of();
    /** Refused streams per store whose refusal is held back for {@code refusal-delay}. */
    private final Map<String, Integer> heldRefusals = new ConcurrentHashMap<>();

    private final ShutdownClosures shutdown = new ShutdownClosures();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stream-checks");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    AgentStreams(
            JobStore jobs,
            JobWaiters waiters,
            BridgeEvents events,
            StoreDirectory stores,
            JobsConfig jobsConfig,
            StreamsConfig config,
            CertificateStanding standing,
            StoreConflicts conflicts,
            IdentityConfig identity,
            CertificateRenewals renewals,
            Cluster cluster,
            Clock clock) {
        this(
                jobs,
                waiters,
                events,
                stores,
                jobsConfig,
                config,
                standing,
                conflicts,
                identity,
                renewals,
                cluster,
                clock,
                System::nanoTime);
    }

    /** With {@code nanoTime} as the monotonic clock of budgets and deadlines (a test's), on one server. */
    public AgentStreams(
            JobStore jobs,
            JobWaiters waiters,
            BridgeEvents events,
            StoreDirectory stores,
            JobsConfig jobsConfig,
            StreamsConfig config,
            CertificateStanding standing,
            StoreConflicts conflicts,
            IdentityConfig identity,
            CertificateRenewals renewals,
            Clock clock,
            LongSupplier nanoTime) {
        this(
                jobs,
                waiters,
                events,
                stores,
                jobsConfig,
                config,
                standing,
                conflicts,
                identity,
                renewals,
                new LocalServer(),
                clock,
                nanoTime);
    }

    private AgentStreams(
            JobStore jobs,
            JobWaiters waiters,
            BridgeEvents events,
            StoreDirectory stores,
            JobsConfig jobsConfig,
            StreamsConfig config,
            CertificateStanding standing,
            StoreConflicts conflicts,
            IdentityConfig identity,
            CertificateRenewals renewals,
            Cluster cluster,
            Clock clock,
            LongSupplier nanoTime) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.waiters = requireNonNull(waiters, "waiters");
        this.events = requireNonNull(events, "events");
        this.stores = requireNonNull(stores, "stores");
        this.jobsConfig = requireNonNull(jobsConfig, "jobsConfig");
        this.config = requireNonNull(config, "config");
        this.standing = requireNonNull(standing, "standing");
        this.conflicts = requireNonNull(conflicts, "conflicts");
        this.identity = requireNonNull(identity, "identity");
        this.renewals = requireNonNull(renewals, "renewals");
        this.cluster = requireNonNull(cluster, "cluster");
        this.clock = requireNonNull(clock, "clock");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.startedAt = clock.instant();
        // A store revoked here: its live stream is told so and closed at once.
        standing.onRevoked(storeId -> find(storeId)
                .ifPresent(stream -> stream.disconnect(
                        DisconnectReason.DISCONNECT_REASON_REVOKED,
                        Duration.ZERO,
                        "store " + storeId
                                + " was revoked by IT: this PC's certificate is no longer accepted; ask IT for"
                                + " a new enrolment code")));
        long every = config.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(this::checkDeadlines, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new stream, or why none: the caller then ends the call with {@code refusal}. */
    public record Admission(
            @Nullable AgentStream stream, @Nullable Status refusal) {}

    /**
     * A new stream for {@code storeId} (from its certificate), unless that store opens streams
     * faster than it may, or already has as many waiting for their Hello as it may: then a refusal,
     * logged at most once a minute for the store.
     */
    public Admission open(String storeId, String peer, Outbound outbound) {
        return open(storeId, peer, null, outbound);
    }

    /**
     * {@link #open(String, String, Outbound)} for a caller that showed {@code certificate}: its
     * standing (revoked, replaced) is checked at the Hello, and its expiry closes the stream.
     */
    public Admission open(String storeId, String peer, @Nullable X509Certificate certificate, Outbound outbound) {
        if (!connectAllowed(storeId)) {
            return refused(
                    storeId,
                    peer,
                    Status.RESOURCE_EXHAUSTED.withDescription("store " + storeId
                            + " opens connections faster than it may (at most " + config.maxConnectsPerMinute()
                            + " a minute, after a burst of " + config.connectBurst() + "); come back later"));
        }
        boolean[] admitted = {false};
        awaitingHello.compute(storeId, (k, waiting) -> {
            int count = waiting == null ? 0 : waiting;
            if (count >= config.maxAwaitingHelloPerStore()) {
                return waiting;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            return refused(
                    storeId,
                    peer,
                    Status.RESOURCE_EXHAUSTED.withDescription("store " + storeId
                            + " already has as many connections waiting for their Hello as it may ("
                            + config.maxAwaitingHelloPerStore() + "); close them first"));
        }
        AgentStream stream = new AgentStream(this, storeId, peer, certificate, outbound);
        open.add(stream);
        return new Admission(stream, null);
    }

    private Admission refused(String storeId, String peer, Status refusal) {
        RateLimitedLog logged = refusals.computeIfAbsent(storeId, k -> new RateLimitedLog(TimeUnit.MINUTES.toNanos(1)));
        long unlogged = logged.logNow(nanoTime.getAsLong());
        if (unlogged >= 0) {
            log.warn(
                    "connection from {} refused: {}{}",
                    peer,
                    refusal.getDescription(),
                    unlogged > 0 ? " (" + unlogged + " more refused for this store in the last minute)" : "");
        }
        return new Admission(null, refusal);
    }

    private boolean connectAllowed(String storeId) {
        long now = nanoTime.getAsLong();
        InboundBudget budget = connects.computeIfAbsent(
                storeId,
                k -> new InboundBudget(config.maxConnectsPerMinute() / 60.0, config.connectBurst(), 0, 0, now));
        synchronized (budget) {
            return budget.take(0, now);
        }
    }

    /**
     * Runs {@code refuse} after {@code bridge.streams.refusal-delay} if fewer than a handful of the
     * store's refusals wait already, else at once. An agent that reconnects the moment it is refused
     * (a loop, an attack) so opens one stream per delay instead of a thousand a second; while the
     * refusal waits, the call is not read, so it costs no more than its transport window.
     *
     * @return true if the refusal was held back
     */
    public boolean refuseLater(String storeId, Runnable refuse) {
        boolean[] held = {false};
        heldRefusals.compute(storeId, (k, waiting) -> {
            int count = waiting == null ? 0 : waiting;
            if (count >= config.maxAwaitingHelloPerStore()) {
                return waiting;
            }
            held[0] = true;
            return count + 1;
        });
        if (!held[0]) {
            refuse.run();
            return false;
        }
        try {
            checks.schedule(
                    () -> {
                        heldRefusals.computeIfPresent(storeId, (k, waiting) -> waiting <= 1 ? null : waiting - 1);
                        refuse.run();
                    },
                    config.refusalDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refuse.run(); // shutting down
        }
        return true;
    }

    public Optional<AgentStream> find(String storeId) {
        return Optional.ofNullable(current.get(storeId));
    }

    /** The stores' current streams. */
    public List<AgentStream> all() {
        return List.copyOf(current.values());
    }

    /** How many stores have a stream here now. */
    public int connected() {
        return current.size();
    }

    /**
     * How many shops this server is to hold: the streams held now and the one being welcomed, or
     * its share of the stores that may come back when that is more (a fleet dialling at once, or
     * coming back after a restart, is known before it is held; a store not seen for {@code
     * bridge.stores.active-within} is not counted). On several servers every one knows the whole
     * fleet and holds about its share: the stores divided among the servers alive.
     */
    public int fleetSize() {
        int servers = Math.max(1, cluster.liveServers());
        int share = (stores.active(clock.instant()) + servers - 1) / servers;
        return Math.max(connected() + 1, share);
    }

    /**
     * Within how long an agent whose stream ends without a word (this server killed, the network
     * gone) is to dial again, told in each Welcome: a crash is a stop without notice, so the same
     * window as {@link #disconnectAll}'s, sized to the streams held now and the one being welcomed.
     * A few shops come back within seconds of a crash instead of after their own backoff (up to 30
     * s); ten thousand are spread over about as long as the restarted server takes to handshake them.
     */
    public Duration returnWindow() {
        ReturnWindow window = windowWithOneMore();
        return window.earliest().plus(window.width());
    }

    /** The return window for the streams held now and one more (the one being welcomed, or refused). */
    private ReturnWindow windowWithOneMore() {
        return ReturnWindow.forStreams(connected() + 1, config.returnsPerSecond());
    }

    private static Duration pickAtRandom(ReturnWindow window) {
        return window.pick(bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** A new job goes down its store's stream if this server holds it; else the server that does is told. */
    @Override
    public void offer(Job job) {
        AgentStream stream = current.get(job.storeId());
        if (stream != null) {
            stream.offer(job);
        } else if (cluster.enabled()) {
            cluster.send(new ClusterMessage.JobQueued(job.storeId(), job.id()));
        }
    }

    /** A job read after another server's hint or by the cluster's sweep: down its store's stream if it is here, else nowhere. */
    public void offerHere(Job job) {
        AgentStream stream = current.get(job.storeId());
        if (stream != null) {
            stream.offer(job);
        }
    }

    /**
     * Another server claimed {@code storeId}'s stream under {@code epoch}: a stream here under an
     * older epoch is over, as one replaced on this server would be. (A stream whose claim is still
     * under way gets a higher epoch than any claim before it, and keeps its store.)
     */
    public void claimedElsewhere(String storeId, long epoch) {
        AgentStream stream = current.get(storeId);
        if (stream != null && stream.epoch() > 0 && stream.epoch() < epoch) {
            log.warn("{}: another server holds store {}'s newer connection; closing this one", stream, storeId);
            stream.disconnect(
                    DisconnectReason.DISCONNECT_REASON_SUPERSEDED,
                    config.supersededRetry(),
                    "this store's agent connected to another server of the cluster, which replaced this connection;"
                            + " if that is not this PC, ask IT to revoke the store and enrol this PC again");
        }
    }

    @Override
    public void ended(Job job) {
        AgentStream stream = current.get(job.storeId());
        if (stream != null) {
            stream.forget(job.id());
        }
    }

    /**
     * The store CAs agents trust for the server from now on (during a CA rollover, the old and the
     * new): every live stream of an agent that takes a bundle (revision 3) is sent it now, and every
     * stream welcomed later after its Welcome, so an agent that was offline catches up.
     */
    public void trust(List<X509Certificate> cas) {
        List<ByteString> bundle = new ArrayList<>();
        for (X509Certificate ca : cas) {
            try {
                bundle.add(ByteString.copyFrom(ca.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(
                        "cas: " + ca.getSubjectX500Principal() + " cannot be encoded (" + e.getMessage() + ")", e);
            }
        }
        List<ByteString> now = List.copyOf(bundle);
        if (now.equals(trustBundle)) {
            return;
        }
        trustBundle = now;
        int sent = 0;
        // Every open stream, not only the welcomed: one being welcomed now sends either the bundle
        // it read or this one (see AgentStream.trust).
        for (AgentStream stream : open) {
            if (stream.trust(now)) {
                sent++;
            }
        }
        log.info("CA bundle of {} store CA(s) sent to {} live agent stream(s)", now.size(), sent);
        // A CA retired (by force, while shops still depended on it): their streams end as a
        // revocation does, rather than living on until their next handshake is refused.
        for (AgentStream stream : all()) {
            X509Certificate certificate = stream.certificate();
            if (certificate != null && cas.stream().noneMatch(ca -> IssuedBy.ca(certificate, ca))) {
                stream.disconnect(
                        DisconnectReason.DISCONNECT_REASON_REVOKED,
                        Duration.ZERO,
                        "the store CA that issued this PC's certificate for store " + stream.storeId()
                                + " was retired by IT: the certificate is no longer accepted; ask IT for a new"
                                + " enrolment code");
            }
        }
    }

    /**
     * Tells every agent the server is going and when to come back, spread over a window sized to
     * how many there are ({@link ReturnWindow}), so the next server takes them back as fast as it
     * admits handshakes instead of in one crowd.
     */
    public void disconnectAll(DisconnectReason reason, String message) {
        if (reason == DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN) {
            shutdown.begin();
        }
        List<AgentStream> streams = all();
        ReturnWindow window = ReturnWindow.forStreams(streams.size(), config.returnsPerSecond());
        log.info(
                "asking {} agent(s) to come back within {} to {} s",
                streams.size(),
                window.earliest().toSeconds(),
                window.earliest().plus(window.width()).toSeconds());
        for (AgentStream stream : streams) {
            stream.disconnect(reason, pickAtRandom(window), message);
        }
    }

    /**
     * When a stream whose Hello comes now is to dial again, if this server is stopping: its port is
     * closed, but an agent asked back early can still open a stream on the connection it kept, and
     * welcomed it would hold the stop for its whole grace (3 of 10,000 did, BENCHMARKS.md "Resumed
     * sessions"). Empty while the server runs.
     */
    Optional<Duration> returnAfterIfStopping() {
        if (!shutdown.stopping()) {
            return Optional.empty();
        }
        return Optional.of(pickAtRandom(windowWithOneMore()));
    }

    @PreDestroy
    void close() {
        checks.shutdownNow();
        if (shutdown.stopping()) {
            log.info(shutdown.summary());
        }
    }

    /** The closures of a stop, counted instead of logged one by one. */
    ShutdownClosures shutdown() {
        return shutdown;
    }

    // ------------------------------------------------------------------ from the streams

    /** {@code stream} said Hello: it is its store's stream now; an older one is told it was replaced. */
    void welcomed(AgentStream stream) {
        releaseHelloSlot(stream);
        AgentStream previous = current.put(stream.storeId(), stream);
        if (previous != null && previous != stream) {
            // Two PCs with one store's certificate (a copy, a theft, a second install): recorded
            // for IT; the replaced agent may come back after a while, so a one-shot impostor
            // cannot keep the real shop offline for long.
            log.warn(
                    "{} replaces {}: closing the older stream; two PCs use store {}'s certificate?",
                    stream,
                    previous,
                    stream.storeId());
            conflicts.replaced(
                    stream.storeId(),
                    new StoreConflicts.Conflict(
                            clock.instant(), previous.hostname(), previous.peer(), stream.hostname(), stream.peer()));
            previous.disconnect(
                    DisconnectReason.DISCONNECT_REASON_SUPERSEDED,
                    config.supersededRetry(),
                    "another PC (" + stream.hostname() + ", " + stream.peer() + ") connected with store "
                            + stream.storeId() + "'s certificate and replaced this connection; if that PC is not yours,"
                            + " ask IT to revoke the store and enrol this PC again");
        }
        if (stream.state() == AgentStream.State.CLOSED && current.remove(stream.storeId(), stream)) {
            // Closed (told to go, say) while it was being welcomed: undone as any closed stream is.
            stream.wentOffline("closed while it was being welcomed");
        }
    }

    /** {@code stream} is over: if it was its store's stream, the store is offline (its sent jobs queued again). */
    void closed(AgentStream stream, String why) {
        open.remove(stream);
        releaseHelloSlot(stream);
        cluster.release(stream.storeId(), stream.epoch());
        if (current.remove(stream.storeId(), stream)) {
            stream.wentOffline(why);
        } else {
            log.debug("{} closed: {}", stream, why);
        }
    }

    /** Frees the stream's place among its store's streams that wait for a Hello, once. */
    private void releaseHelloSlot(AgentStream stream) {
        if (stream.releaseHelloSlot()) {
            awaitingHello.computeIfPresent(stream.storeId(), (k, waiting) -> waiting <= 1 ? null : waiting - 1);
        }
    }

    private void checkDeadlines() {
        long now = nanoTime.getAsLong();
        for (AgentStream stream : open) {
            try {
                stream.checkDeadlines(now);
            } catch (RuntimeException e) {
                log.warn("{}: deadline check failed: {}", stream, e.toString());
            }
        }
    }

    JobStore jobs() {
        return jobs;
    }

    /**
     * Makes {@code stream} its store's stream in the cluster too: completes once claimed (at once on
     * one server). A stream closed while its claim was under way gives the claim back.
     */
    CompletableFuture<Cluster.Claim> claim(AgentStream stream) {
        return cluster.claim(stream.storeId()).thenApply(claim -> {
            if (!stream.claimed(claim, clock.instant())) {
                cluster.release(stream.storeId(), claim.epoch());
            }
            return claim;
        });
    }

    List<ByteString> trustBundle() {
        return trustBundle;
    }

    JobWaiters waiters() {
        return waiters;
    }

    BridgeEvents events() {
        return events;
    }

    StoreDirectory stores() {
        return stores;
    }

    JobsConfig jobsConfig() {
        return jobsConfig;
    }

    StreamsConfig config() {
        return config;
    }

    CertificateStanding standing() {
        return standing;
    }

    IdentityConfig identity() {
        return identity;
    }

    CertificateRenewals renewals() {
        return renewals;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Whether {@code job}, never sent by this process, may still have been sent by the one before
     * it: a job made before this process started, within the result grace after the start. A SENT
     * is written some moments after the command leaves (DeferredSends), so a server killed in
     * those moments leaves jobs QUEUED that an agent has run; until their agents have had the time
     * to come back, only the agents can say.
     */
    boolean predecessorMayHaveSent(Job job, Instant now) {
        return job.createdAt().isBefore(startedAt) && now.isBefore(startedAt.plus(jobsConfig.resultGrace()));
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }
}
