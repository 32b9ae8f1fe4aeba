package io.printbridge.server.cluster;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.attendance.AttendanceHints;
import io.printbridge.server.db.ClusterJobs;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobWaiters;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.streams.AgentStreams;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on the other servers' hints, on a thread of its own (each may read the database): a new
 * job for a stream held here goes down it, an ended job reaches whoever waits here and leaves the
 * stream's window, a stream claimed elsewhere under a newer epoch closes here, a store's records
 * are read again, a revocation is read at once, punches and clock changes stored elsewhere are
 * shown in this server's live events. Each notification's jobs are read in one query.
 */
@Context
@Requires(property = "bridge.cluster.enabled", value = "true")
@Requires(notEnv = "cli")
final class ClusterReceiver {

    private static final Logger log = LoggerFactory.getLogger(ClusterReceiver.class);

    private final PostgresCluster cluster;
    private final AgentStreams streams;
    private final StoreDirectory stores;
    private final JobWaiters waiters;
    private final ClusterJobs jobs;
    private final CertificateStanding standing;
    private final AttendanceHints attendance;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cluster-receive");
        t.setDaemon(true);
        return t;
    });

    ClusterReceiver(
            PostgresCluster cluster,
            AgentStreams streams,
            StoreDirectory stores,
            JobWaiters waiters,
            ClusterJobs jobs,
            CertificateStanding standing,
            AttendanceHints attendance) {
        this.cluster = requireNonNull(cluster, "cluster");
        this.streams = requireNonNull(streams, "streams");
        this.stores = requireNonNull(stores, "stores");
        this.waiters = requireNonNull(waiters, "waiters");
        this.jobs = requireNonNull(jobs, "jobs");
        this.standing = requireNonNull(standing, "standing");
        this.attendance = requireNonNull(attendance, "attendance");
        standing.onRevoked(storeId -> cluster.send(new ClusterMessage.StoreRevoked(storeId)));
        cluster.onMessages(messages -> {
            try {
                work.execute(() -> handle(messages));
            } catch (RejectedExecutionException e) {
                // stopping
            }
        });
    }

    private void handle(List<ClusterMessage> messages) {
        try {
            List<String> jobIds = new ArrayList<>();
            Set<String> changedStores = new LinkedHashSet<>();
            Set<String> changedClocks = new LinkedHashSet<>();
            List<ClusterMessage.PunchesStored> punches = new ArrayList<>();
            boolean revoked = false;
            for (ClusterMessage message : messages) {
                if (message instanceof ClusterMessage.JobQueued queued) {
                    if (streams.find(queued.storeId()).isPresent()) {
                        jobIds.add(queued.jobId());
                    }
                } else if (message instanceof ClusterMessage.JobFinished finished) {
                    jobIds.add(finished.jobId());
                } else if (message instanceof ClusterMessage.StreamClaimed claimed) {
                    streams.claimedElsewhere(claimed.storeId(), claimed.epoch());
                    // Read again here too: the store's records may have been written (and hinted)
                    // before this claim was, and a reload then saw no live holder.
                    changedStores.add(claimed.storeId());
                } else if (message instanceof ClusterMessage.StoreChanged changed) {
                    changedStores.add(changed.storeId());
                } else if (message instanceof ClusterMessage.StoreRevoked) {
                    revoked = true;
                } else if (message instanceof ClusterMessage.PunchesStored stored) {
                    punches.add(stored);
                } else if (message instanceof ClusterMessage.ClocksChanged clocks) {
                    changedClocks.add(clocks.storeId());
                }
            }
            delivered(jobs.find(jobIds));
            for (String storeId : changedStores) {
                if (streams.find(storeId).isEmpty()) {
                    stores.reload(storeId, cluster.owners().heldElsewhere(storeId));
                }
            }
            if (revoked) {
                standing.refresh();
            }
            // Live events only: a lost hint loses the event on this server, not a punch (the ERP's
            // cursor reads every stored punch, and webhooks are rows of their own).
            for (ClusterMessage.PunchesStored stored : punches) {
                attendance.punchesStored(stored.storeId(), stored.firstId(), stored.lastId());
            }
            changedClocks.forEach(attendance::clocksChanged);
        } catch (RuntimeException e) {
            // The sweep finds in the database what these hints said.
            log.warn("{} cluster hint(s) not acted on: {}", messages.size(), e.toString());
        }
    }

    /**
     * Jobs read after a hint or by the sweep: a final one reaches its waiters here and leaves its
     * stream here; a waiting one goes down its store's stream if this server holds it (the
     * stream's queue ignores a job it already has).
     */
    void delivered(List<Job> read) {
        for (Job job : read) {
            if (job.state().isFinal()) {
                streams.ended(job);
                waiters.finishedElsewhere(job);
            } else if (job.state() == JobState.QUEUED) {
                streams.offerHere(job);
            }
        }
    }

    @PreDestroy
    void close() {
        work.shutdownNow();
    }
}
