package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.printbridge.server.jobs.JobsConfig;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether the REST port's event loops have fallen behind: requests arrive faster than the server
 * reads them, and wait in their connections where no queue of the server counts them (an ERP that
 * opened 3,000 connections past the rate the server serves had its answers take seconds while the
 * job writer, the only stage watched before, kept up).
 *
 * <p>A {@link LoopProbe} on every loop of the port notes how late its tasks run. A loop has a
 * standing backlog once its probes have kept running more than {@code bridge.jobs.max-request-lag}
 * late for {@link #STANDING_NANOS} or more: a backlog that lasts, as CoDel tells one from a burst,
 * so a collector's pause or a burst that clears on its own refuses nothing. Each request is judged
 * by its own loop's backlog: a loop behind does not refuse the requests another reads in time.
 * How many are refused then grows with the wait ({@link io.printbridge.server.jobs.RefusalShare}).
 */
@Singleton
public final class RequestLoopLag {

    /**
     * Set by the server on each request it reads while its loop is behind ({@link
     * ReadBacklogStamp}): how long requests then waited to be read, in milliseconds.
     */
    public static final String BACKLOG_HEADER = "X-Bridge-Read-Backlog";

    /** How long a loop must stay behind before it counts: longer than a young collection here. */
    static final long STANDING_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long targetNanos;
    private final Set<EventLoopGroup> watched = ConcurrentHashMap.newKeySet();
    private final Map<EventExecutor, LoopProbe> probes = new ConcurrentHashMap<>();

    public RequestLoopLag(JobsConfig config) {
        this.targetNanos = requireNonNull(config, "config").maxRequestLag().toNanos();
    }

    /** Watches every loop of {@code group} from now on (once per group; called for each connection). */
    void watch(EventLoopGroup group) {
        if (!watched.add(group)) {
            return;
        }
        long now = System.nanoTime();
        for (EventExecutor loop : group) {
            LoopProbe probe = new LoopProbe(loop, targetNanos);
            probes.put(loop, probe);
            probe.start(now);
        }
    }

    /**
     * How long a request read now on {@code loop} has waited to be read, about: how late the loop
     * runs its tasks, once it has been more than {@code bridge.jobs.max-request-lag} behind for
     * {@link #STANDING_NANOS} or more (a standing backlog); 0 when it keeps up or is not watched.
     */
    long readWaitNanos(EventExecutor loop) {
        LoopProbe probe = probes.get(loop);
        if (probe == null || probe.behindFor(System.nanoTime()) < STANDING_NANOS) {
            return 0;
        }
        return probe.standingLateness();
    }
}
