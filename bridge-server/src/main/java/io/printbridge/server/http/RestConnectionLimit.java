package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.printbridge.logging.RateLimitedLog;
import io.printbridge.server.grpc.AgentConnectionBudget;
import io.printbridge.server.grpc.OpenFiles;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections the REST port holds at once, and which one gives way when it is full.
 *
 * <p>Why: each connection is an open file, and the files the agents' port leaves ({@link
 * AgentConnectionBudget}) are shared by the database, the webhooks, the certificate reload and the
 * ERP. The port listens on loopback behind the VPS's reverse proxy by default, which bounds its
 * connections; exposed directly ({@code BRIDGE_HTTP_HOST}), one client opening thousands of silent
 * connections would otherwise spend that reserve, and the database would fail with "Too many open
 * files". A bound that simply stopped accepting would let that client lock the ERP out instead, so:
 *
 * <ul>
 *   <li>below the bound, every connection is taken;
 *   <li>at the bound, a new connection takes the place of a silent one (no request since it opened)
 *       open {@code bridge.http.silent-to-close} (2 s) or more, the oldest of the client address
 *       holding the most; else of a kept-alive one idle {@code bridge.http.idle-to-close} (30 s) or
 *       more, the one idle the longest. It is closed as an idle timeout would have closed it later. A
 *       client that only holds connections cannot keep a working one out, and a flood reopening what
 *       is closed replaces its own connections, not the ERP's;
 *   <li>a connection newer or used more recently is never closed for another: a client's new
 *       connection carries its request a moment later, and a pool sends on its connections again at
 *       any moment; one closed then fails its request, and the more the server's loops are behind,
 *       the wider that moment (an ERP with 3,000 connections at 1,000 jobs/s against a bound of 500:
 *       2,500 requests failed when the newest silent connection gave way at once, 13 when pooled
 *       connections idle 2 s did);
 *   <li>when no connection may give way (all answering a request, a {@code ?wait}, an event stream,
 *       or just used), the new one is answered {@code 503 SERVER_BUSY} with {@code Retry-After}
 *       ({@link FullPortAnswer}) and closed: a refusal the client retries, as the job intake's own.
 * </ul>
 *
 * <p>The bound is {@code bridge.http.max-connections} when set, else half the open files the agents'
 * port leaves (the open-file limit less the agents' bound), between {@value #MIN_DERIVED} and
 * {@value #MAX_DERIVED}; {@value #MAX_DERIVED} where the limit is unknown.
 *
 * <p>Thread-safe: each connection's event loop admits and releases it; the set is guarded by a lock
 * held for a few field reads (a scan of at most the bound's connections, only when full).
 */
@Singleton
public final class RestConnectionLimit {

    private static final Logger log = LoggerFactory.getLogger(RestConnectionLimit.class);

    /** The largest bound taken from the limit: an ERP's pool and the dashboard need far fewer. */
    static final int MAX_DERIVED = 512;
    /** The smallest: a server under a tiny limit still answers its ERP and its dashboard. */
    static final int MIN_DERIVED = 16;

    private final int maxConnections;
    private final long silentToCloseNanos;
    private final long idleToCloseNanos;
    private final LongSupplier nanoClock;

    private final Object lock = new Object();
    /** Guarded by the lock. */
    private final Set<RestConnection> open = new HashSet<>();

    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** When a connection was last answered 503 ({@link #nanoClock}); meaningful once {@link #refused} is above 0. */
    private volatile long lastRefusedNanos;

    private final RateLimitedLog idleClosedLog = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));
    private final RateLimitedLog refusedLog = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));

    /**
     * The bound from the agents' port's own ({@code agentPort}, absent in the command line's context,
     * which serves no REST port): the limit it read and the bound it took from it.
     */
    @Inject
    RestConnectionLimit(RestConnectionConfig config, Optional<AgentConnectionBudget> agentPort) {
        this(
                maxConnections(
                        config.maxConnections(),
                        agentPort.map(AgentConnectionBudget::openFileLimit).orElse(OpenFiles.UNKNOWN),
                        agentPort.map(AgentConnectionBudget::maxConnections).orElse(AgentConnectionBudget.UNBOUNDED)),
                config.silentToClose(),
                config.idleToClose(),
                System::nanoTime);
        log.info(
                "REST port: at most {} connections at once ({})",
                maxConnections,
                config.maxConnections() > 0
                        ? "bridge.http.max-connections"
                        : "half the open files the agents' port leaves");
    }

    RestConnectionLimit(int maxConnections, Duration silentToClose, Duration idleToClose, LongSupplier nanoClock) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException(
                    "bridge.http.max-connections: " + maxConnections + " (expected: 1 or more)");
        }
        this.maxConnections = maxConnections;
        this.silentToCloseNanos = silentToClose.toNanos();
        this.idleToCloseNanos = idleToClose.toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * The bound: {@code configured} when above 0; else half of what {@code agentsBound} leaves of
     * {@code openFileLimit}, kept between {@value #MIN_DERIVED} and {@value #MAX_DERIVED}; {@value
     * #MAX_DERIVED} when the limit is unknown or the agents' port has no bound.
     */
    static int maxConnections(int configured, long openFileLimit, int agentsBound) {
        if (configured > 0) {
            return configured;
        }
        if (openFileLimit <= 0 || agentsBound == AgentConnectionBudget.UNBOUNDED || agentsBound >= openFileLimit) {
            return MAX_DERIVED;
        }
        long half = (openFileLimit - agentsBound) / 2;
        return (int) Math.max(MIN_DERIVED, Math.min(MAX_DERIVED, half));
    }

    /**
     * A new connection of the REST port: its state, counted until it closes, or null when it is to be
     * refused (at the bound, none may give way: see {@link #connectionToClose}). At the bound, the
     * connection that may give way is closed to make room.
     */
    @Nullable
    RestConnection admit(Channel channel) {
        RestConnection admitted = new RestConnection(channel, nanoClock);
        RestConnection displaced = null;
        synchronized (lock) {
            if (open.size() >= maxConnections) {
                displaced = connectionToClose();
                if (displaced == null) {
                    lastRefusedNanos = nanoClock.getAsLong();
                    refused.incrementAndGet();
                    admitted = null;
                } else {
                    open.remove(displaced);
                }
            }
            if (admitted != null) {
                open.add(admitted);
            }
        }
        if (admitted == null) {
            logRefused();
            return null;
        }
        RestConnection counted = admitted;
        channel.closeFuture().addListener(closed -> release(counted));
        if (displaced != null) {
            idleClosed.incrementAndGet();
            logIdleClosed(displaced);
            displaced.close();
        }
        return admitted;
    }

    private void release(RestConnection connection) {
        synchronized (lock) {
            open.remove(connection);
        }
    }

    /**
     * The connection to close for a new one: a silent one open {@code silent-to-close} or more, the
     * oldest of the client address holding the most such (a flood, not the ERP whose requests are on
     * their way), else the kept-alive one idle the longest if idle {@code idle-to-close} or more; null
     * when none may go. Behind the reverse proxy every connection has the proxy's address, and the
     * silent one is simply the oldest. Guarded by the lock.
     */
    private @Nullable RestConnection connectionToClose() {
        Map<Object, SilentFrom> silentByAddress = new HashMap<>();
        RestConnection keptAlive = null;
        long now = nanoClock.getAsLong();
        for (RestConnection connection : open) {
            long since = connection.idleSinceNanos();
            if (since == RestConnection.ANSWERING) {
                continue;
            }
            if (connection.carriedARequest()) {
                if (now - since >= idleToCloseNanos) {
                    keptAlive = older(keptAlive, connection);
                }
                continue;
            }
            if (now - since < silentToCloseNanos) {
                continue;
            }
            Object address = connection.clientAddress();
            SilentFrom from = silentByAddress.get(address);
            if (from == null) {
                silentByAddress.put(address, new SilentFrom(connection));
            } else {
                from.add(connection);
            }
        }
        SilentFrom mostSilent = null;
        for (SilentFrom from : silentByAddress.values()) {
            if (mostSilent == null
                    || from.count > mostSilent.count
                    || (from.count == mostSilent.count && older(mostSilent.oldest, from.oldest) == from.oldest)) {
                mostSilent = from;
            }
        }
        return mostSilent != null ? mostSilent.oldest : keptAlive;
    }

    /** One client address's silent connections, while choosing which to close. */
    private static final class SilentFrom {
        int count = 1;
        RestConnection oldest;

        SilentFrom(RestConnection first) {
            oldest = first;
        }

        void add(RestConnection connection) {
            count++;
            oldest = older(oldest, connection);
        }
    }

    private static RestConnection older(@Nullable RestConnection current, RestConnection candidate) {
        return current == null || candidate.idleSinceNanos() - current.idleSinceNanos() < 0 ? candidate : current;
    }

    private void logIdleClosed(RestConnection displaced) {
        long unlogged = idleClosedLog.logNow(nanoClock.getAsLong());
        if (unlogged < 0) {
            return;
        }
        log.info(
                "the REST port holds its bound of {} connections: closed the {} ({}) to take a new one{} (expected:"
                        + " fewer idle connections kept by the clients, or bridge.http.max-connections)",
                maxConnections,
                displaced.carriedARequest()
                        ? "one idle the longest"
                        : "one silent the longest, which never sent a request",
                displaced.remoteAddress(),
                unlogged > 0 ? " (" + unlogged + " more in the last minute)" : "");
    }

    private void logRefused() {
        long unlogged = refusedLog.logNow(nanoClock.getAsLong());
        if (unlogged < 0) {
            return;
        }
        log.warn(
                "the REST port is full: {} connections, every one answering a request or in use; a new connection was"
                        + " answered 503 SERVER_BUSY{} (expected: fewer requests waiting at once, or"
                        + " bridge.http.max-connections above them, within the open-file limit)",
                maxConnections,
                unlogged > 0 ? " (" + unlogged + " more in the last minute)" : "");
    }

    /** The most connections the REST port holds at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections of the REST port open now. */
    public int connections() {
        synchronized (lock) {
            return open.size();
        }
    }

    /** Connections of the REST port answering a request now (a {@code ?wait}, an event stream, any answer being made). */
    public int answering() {
        synchronized (lock) {
            int answering = 0;
            for (RestConnection connection : open) {
                if (connection.idleSinceNanos() == RestConnection.ANSWERING) {
                    answering++;
                }
            }
            return answering;
        }
    }

    /** Idle connections closed to take a new one at the bound, since the start. */
    public long idleClosed() {
        return idleClosed.get();
    }

    /** Whether a connection was answered 503 at the bound within {@code window} of now. */
    public boolean refusedWithin(Duration window) {
        return refused.get() > 0 && nanoClock.getAsLong() - lastRefusedNanos <= window.toNanos();
    }

    /** Connections answered 503 at the bound (all answering requests), since the start. */
    public long refused() {
        return refused.get();
    }
}
