package io.printbridge.server.cluster;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.db.ClusterJobs;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobWaiters;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.streams.AgentStream;
import io.printbridge.server.streams.AgentStreams;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarantee behind the hints, which are lost whenever a listening session drops: every
 * {@code sweep-interval}, and at once when the listener comes back, this server reads what they
 * would have told it. Jobs someone here waits for that ended elsewhere; QUEUED jobs of the stores
 * whose streams it holds (quiet for {@link #QUIET}, so a job just offered is not offered twice);
 * streams it holds that the database says another server took over (closed here) or rows that
 * name it for a stream it no longer has (released); stores whose holder died (offline here).
 */
@Context
@Requires(property = "bridge.cluster.enabled", value = "true")
@Requires(notEnv = "cli")
final class ClusterSweep {

    private static final Logger log = LoggerFactory.getLogger(ClusterSweep.class);
    /** A QUEUED job changed more recently than this is on its way already (offered, or its hint in flight). */
    static final Duration QUIET = Duration.ofSeconds(2);
    /** Jobs read per sweep for the streams held here; a larger backlog is read over the next sweeps. */
    private static final int QUEUED_BATCH = 1000;
    /** The directory is checked against the database every this many sweeps. */
    private static final int DIRECTORY_EVERY = 5;
    /** Ids per read of waited jobs. */
    private static final int WAITED_BATCH = 500;

    private final PostgresCluster cluster;
    private final AgentStreams streams;
    private final StoreDirectory stores;
    private final JobWaiters waiters;
    private final ClusterJobs jobs;
    private final ClusterReceiver receiver;
    private final Clock clock;
    private long sweeps;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-sweep");
        t.setDaemon(true);
        return t;
    });

    ClusterSweep(
            PostgresCluster cluster,
            AgentStreams streams,
            StoreDirectory stores,
            JobWaiters waiters,
            ClusterJobs jobs,
            ClusterReceiver receiver,
            Clock clock) {
        this.cluster = requireNonNull(cluster, "cluster");
        this.streams = requireNonNull(streams, "streams");
        this.stores = requireNonNull(stores, "stores");
        this.waiters = requireNonNull(waiters, "waiters");
        this.jobs = requireNonNull(jobs, "jobs");
        this.receiver = requireNonNull(receiver, "receiver");
        this.clock = requireNonNull(clock, "clock");
        long every = cluster.config().sweepInterval().toMillis();
        thread.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
        cluster.onResync(() -> {
            try {
                thread.execute(this::sweepQuietly);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        });
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("cluster sweep failed, trying again at the next one: {}", e.toString());
        }
    }

    void sweep() {
        Instant now = clock.instant();
        List<String> waited = waiters.waitedIds();
        for (int i = 0; i < waited.size(); i += WAITED_BATCH) {
            List<Job> read = jobs.find(waited.subList(i, Math.min(waited.size(), i + WAITED_BATCH)));
            receiver.delivered(
                    read.stream().filter(job -> job.state().isFinal()).toList());
        }
        receiver.delivered(jobs.queuedHeldBy(cluster.serverId(), now.minus(QUIET), QUEUED_BATCH));
        checkOwnership();
        Set<String> orphaned = new HashSet<>(cluster.owners().heldByDeadServers());
        orphaned.removeIf(storeId -> streams.find(storeId).isPresent());
        stores.offlineElsewhere(orphaned, now);
        if (++sweeps % DIRECTORY_EVERY == 0) {
            checkDirectory();
        }
    }

    /**
     * Compares which stores this server lists online with where the database says their streams
     * are, and reads again those that differ: a hint lost, or two hints read in the wrong order,
     * leaves a store shown on the wrong side for at most this long.
     */
    private void checkDirectory() {
        Set<String> elsewhere = cluster.owners().heldByOtherLiveServers();
        for (StoreDirectory.StoreInfo store : stores.all()) {
            String storeId = store.storeId();
            if (streams.find(storeId).isEmpty() && store.online() != elsewhere.contains(storeId)) {
                stores.reload(storeId, elsewhere.contains(storeId));
            }
        }
    }

    /**
     * Compares the streams held here with what the database says this server holds. Equal counts
     * are the rule and cost one query; otherwise each difference is looked at on its own, so a
     * claim granted between two reads is never mistaken for a lost one.
     */
    private void checkOwnership() {
        Map<String, AgentStream> claimed = new HashMap<>();
        for (AgentStream stream : streams.all()) {
            if (stream.epoch() > 0) {
                claimed.put(stream.storeId(), stream);
            }
        }
        StreamOwners owners = cluster.owners();
        if (owners.heldCount() == claimed.size()) {
            return;
        }
        Map<String, Long> held = owners.held();
        for (AgentStream stream : claimed.values()) {
            Long epoch = held.get(stream.storeId());
            if (epoch == null || epoch != stream.epoch()) {
                StreamOwners.Holder holder = owners.holder(stream.storeId());
                if (!holder.serverId().equals(cluster.serverId()) && holder.epoch() > stream.epoch()) {
                    streams.claimedElsewhere(stream.storeId(), holder.epoch());
                }
            }
        }
        held.forEach((storeId, epoch) -> {
            AgentStream stream = streams.find(storeId).orElse(null);
            if (stream == null || (stream.epoch() > 0 && stream.epoch() != epoch)) {
                owners.release(storeId, epoch);
            }
        });
    }

    @PreDestroy
    void close() {
        thread.shutdownNow();
    }
}
