package io.printbridge.server.grpc;

import io.micronaut.context.annotation.Requires;
import io.printbridge.logging.RateLimitedLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections the agents' port may hold at once, counted from the moment each is accepted
 * until it closes (with or without a certificate): at the bound, the listening sockets stop
 * accepting ({@link AcceptLimiter}) until one closes, and the agents past it wait in the kernel's
 * queue and their own SYN retries.
 *
 * <p>Why: each connection is an open file, and the process has a limit ({@link OpenFiles}). A fleet
 * larger than that limit used to take every file the process could open: the database, the ERP's
 * REST connections, the certificate reload and the log then all failed with "Too many open files"
 * (measured: 2,000 agents against a server limited to 1,500 files: 1,459 connected, and every
 * request of the ERP timed out; BENCHMARKS.md, "A fleet larger than the open-file limit"). One shop
 * too many must not stop the others' printing, so the agents get the limit less a reserve for
 * everything else, and the shops past it wait their turn where they cost nothing.
 *
 * <p>The bound is {@code bridge.grpc.max-agent-connections} when set, else the open-file limit less
 * {@code bridge.grpc.open-files-reserve} (1,000 by default: the database's pool, the ERP's and the
 * dashboard's connections, webhooks, the jars and the log), the reserve at most half the limit, so a
 * server under a hard limit of 1,024 still holds a few hundred shops. The service unit raises the
 * limit to 65,536 (64,536 shops).
 *
 * <p>Thread-safe: every listening socket's event loop calls in, and every connection's as it closes.
 */
@Singleton
@Requires(notEnv = "cli")
public final class AgentConnectionBudget {

    private static final Logger log = LoggerFactory.getLogger(AgentConnectionBudget.class);

    /** No bound: the system does not count open files (Windows). */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final int maxConnections;
    private final long openFileLimit;
    /** Whether the bound was set ({@code max-agent-connections}) rather than taken from the limit. */
    private final boolean configured;

    private final Object lock = new Object();
    private int open;
    /** The sockets told to pause, to be told to resume; guarded by the lock. */
    private final PausedSockets paused = new PausedSockets();

    private final AtomicLong fullTimes = new AtomicLong();
    /** A full port is one line a minute, however often it fills again. */
    private final RateLimitedLog fullLog = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));

    @Inject
    AgentConnectionBudget(GrpcServerConfig config) {
        this(config.maxAgentConnections(), config.openFilesReserve(), OpenFiles.limit());
    }

    AgentConnectionBudget(int configured, int reserve, long openFileLimit) {
        this.maxConnections = maxConnections(configured, reserve, openFileLimit);
        this.openFileLimit = openFileLimit;
        this.configured = configured > 0;
    }

    /**
     * The bound: {@code configured} when above 0, else {@code openFileLimit} less {@code reserve}
     * (at most half of it), else {@link #UNBOUNDED} where the limit is not known.
     */
    static int maxConnections(int configured, int reserve, long openFileLimit) {
        if (configured < 0) {
            throw new IllegalArgumentException("max-agent-connections: " + configured
                    + " (expected: 0, for the open-file limit less the" + " reserve, or more)");
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("open-files-reserve: " + reserve + " (expected: 0 or more)");
        }
        if (configured > 0) {
            return configured;
        }
        if (openFileLimit <= 0 || openFileLimit >= UNBOUNDED) {
            return UNBOUNDED;
        }
        long kept = Math.min(reserve, openFileLimit / 2);
        return (int) Math.max(1, openFileLimit - kept);
    }

    /**
     * {@code socket} accepted a connection, which counts until {@link #closed()}; at the bound the
     * socket stops accepting. Called on the socket's event loop, so the pause holds before its next
     * accept (Netty may finish the batch it is reading: a few connections past the bound, which the
     * reserve covers).
     */
    void opened(ListeningSocket socket) {
        boolean full = false;
        synchronized (lock) {
            open++;
            if (open >= maxConnections) {
                boolean wasAccepting = !paused.any();
                if (paused.pause(socket) && wasAccepting) {
                    fullTimes.incrementAndGet();
                    full = true;
                }
            }
        }
        if (full) {
            logFull();
        }
    }

    /** An accepted connection closed: accepting again below the bound. */
    void closed() {
        synchronized (lock) {
            open--;
            if (paused.any() && open < maxConnections) {
                paused.resumeAll();
            }
        }
    }

    private void logFull() {
        long unlogged = fullLog.logNow(System.nanoTime());
        if (unlogged < 0) {
            return;
        }
        log.warn(
                "the agents' port is full: {} connections, {}; new agents wait in the kernel's queue until a"
                        + " connection closes{} (expected: a limit above the fleet: LimitNOFILE in the service"
                        + " unit, bridge.grpc.max-agent-connections, or another server for part of the fleet)",
                maxConnections,
                configured
                        ? "bridge.grpc.max-agent-connections"
                        : "the most this process's open-file limit (" + openFileLimit
                                + ") allows with the reserve kept for the database, the API and files",
                unlogged > 0 ? " (full " + unlogged + " more times in the last minute)" : "");
    }

    /** The most connections the agents' port holds at once; {@link #UNBOUNDED} for none. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The process's open-file limit the bound was taken from, or {@link OpenFiles#UNKNOWN}. */
    public long openFileLimit() {
        return openFileLimit;
    }

    /** Connections of the agents' port open now, whether they showed a certificate or not. */
    public int connections() {
        synchronized (lock) {
            return open;
        }
    }

    /** Whether the agents' port accepts nothing now because it holds its bound. */
    public boolean full() {
        synchronized (lock) {
            return paused.any();
        }
    }

    /** Times the agents' port stopped accepting at its bound, since the start. */
    public long fullTimes() {
        return fullTimes.get();
    }
}
