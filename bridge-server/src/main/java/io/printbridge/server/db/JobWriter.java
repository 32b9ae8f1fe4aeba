package io.printbridge.server.db;

import io.micronaut.transaction.TransactionOperations;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.jobs.FinalStateDeliveries;
import io.printbridge.server.jobs.JobsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes jobs in group commits. One thread takes every write waiting, stages them all as batched
 * statements in one transaction, commits, and only then answers each of them, in the order they
 * were asked. Under load a commit carries hundreds of writes, so the cost of a transaction (and
 * on PostgreSQL, of its WAL flush) is shared instead of paid per job; alone, a write is committed
 * as soon as the thread sees it.
 *
 * <p>Because every write of a job goes through this one ordered queue, a write never overtakes
 * one asked for before it: a job's SENT is stored before its DONE, and a read made by a write
 * ({@link JobWrites.Update}) sees all earlier writes.
 *
 * <p>If a group fails, it is rolled back and its writes are retried one per transaction, so one
 * bad write (a duplicate key from another server) fails alone. If the database cannot be reached,
 * the whole group fails at once.
 */
@Singleton
final class JobWriter {

    private static final Logger log = LoggerFactory.getLogger(JobWriter.class);
    /** Writes in one transaction at most: bounds the transaction's size and the wait of the last one. */
    private static final int MAX_WRITES_PER_COMMIT = 1000;

    private final TransactionOperations<Connection> transactions;
    private final JobRepository jobs;
    /** Messages recorded with a job's final state (webhooks, when configured). */
    private final List<FinalStateDeliveries> outboxes;

    private static final long IDLE_POLL_NANOS = 100_000_000L;

    private final QueuedCounts counts;
    /** {@code bridge.jobs.commit-gather}: how long a write that found the writer idle waits for company. */
    private final long gatherNanos;

    /** Whether the writes stand behind, kept up to date at each commit. */
    private final StandingWriteLag standing;
    /** How many new jobs may wait for their commit while the writes stand behind. */
    private final NewJobLimit newJobs;

    private final DeferredSends deferred = new DeferredSends();
    private final BlockingQueue<JobWrite<?>> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    /** When the oldest write of the group being committed was queued; {@link #NONE} between commits. */
    private volatile long committingSince = NONE;

    private static final long NONE = Long.MIN_VALUE;

    // Written by the writer thread only, read by the metrics' scrapes.
    private volatile long commits;
    private volatile long writesCommitted;
    private volatile long commitNanos;
    private final AtomicLong slowestCommitNanos = new AtomicLong();

    JobWriter(
            TransactionOperations<Connection> transactions,
            JobRepository jobs,
            List<FinalStateDeliveries> outboxes,
            Cluster cluster,
            JobsConfig config) {
        this.gatherNanos = config.commitGather().toNanos();
        this.standing = new StandingWriteLag(config.standingWriteLag().toNanos());
        this.newJobs = new NewJobLimit(config.standingWriteLag().toNanos());
        this.transactions = transactions;
        this.counts = new QueuedCounts(
                cluster.enabled() ? QueuedCounts.CLUSTER_RECOUNT_AFTER_NANOS : QueuedCounts.ALONE_RECOUNT_AFTER_NANOS);
        this.jobs = jobs;
        this.outboxes = List.copyOf(outboxes);
        this.thread = new Thread(this::run, "job-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code write}; its future completes after its commit, on the writer thread. */
    <T> CompletableFuture<T> submit(JobWrite<T> write) {
        if (closed) {
            write.failed(new IllegalStateException("the server is shutting down: the job database is closed"));
        } else {
            write.queuedAt(System.nanoTime());
            if (write instanceof JobWrites.Insert insert) {
                int jobs = insert.jobCount();
                newJobs.queued(jobs);
                write.done().whenComplete((outcome, error) -> newJobs.left(jobs));
            }
            waiting.add(write);
        }
        return write.done();
    }

    /**
     * How far behind the writer is: how long the oldest write not committed yet has waited, the
     * group being committed counted (a stalled commit holds its writes, and the queue may be empty
     * behind it); 0 when nothing waits. New jobs are refused while it is past {@code
     * bridge.jobs.max-write-lag}.
     */
    long lagNanos() {
        long now = System.nanoTime();
        long lag = 0;
        long committing = committingSince;
        if (committing != NONE) {
            lag = now - committing;
        }
        JobWrite<?> oldest = waiting.peek();
        if (oldest != null) {
            lag = Math.max(lag, now - oldest.queuedAtNanos());
        }
        return Math.max(0, lag);
    }

    /**
     * Whether to refuse a new job now: the writes stand more than {@code
     * bridge.jobs.standing-write-lag} behind and as many new jobs already wait for their commit as
     * the writer can accept in that time ({@link NewJobLimit}).
     */
    boolean newJobsFull() {
        return newJobs.refuse(System.nanoTime());
    }

    /** New jobs waiting for the commit that accepts them. */
    int newJobsWaiting() {
        return newJobs.waiting();
    }

    /** How many new jobs may wait for their commit while limiting, or 0 while not limiting. */
    int newJobsLimit() {
        return newJobs.limiting(System.nanoTime()) ? newJobs.limit() : 0;
    }

    /** How far behind the writes have been of late, smoothed over a fraction of a second. */
    long smoothedLagNanos() {
        return standing.smoothedWaitNanos();
    }

    /** Writes what is already queued, then stops. */
    @PreDestroy
    void close() throws InterruptedException {
        closed = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        JobWrite<?> left;
        while ((left = waiting.poll()) != null) {
            left.failed(new IllegalStateException("the server stopped before this write was committed"));
        }
    }

    private void run() {
        List<JobWrite<?>> incoming = new ArrayList<>();
        List<JobWrite<?>> group = new ArrayList<>();
        while (true) {
            long untilDue = deferred.nanosUntilDue(System.nanoTime());
            JobWrite<?> first;
            try {
                first = waiting.poll(
                        untilDue < 0 ? IDLE_POLL_NANOS : Math.min(untilDue, IDLE_POLL_NANOS), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first != null) {
                incoming.add(first);
                gather(first);
                waiting.drainTo(incoming, MAX_WRITES_PER_COMMIT - 1);
            }
            long now = System.nanoTime();
            for (JobWrite<?> write : incoming) {
                deferred.route(write, group, now);
            }
            incoming.clear();
            deferred.releaseDue(group, now);
            boolean stopping = closed && waiting.isEmpty();
            if (stopping) {
                deferred.releaseAll(group, now);
            }
            if (!group.isEmpty()) {
                committingSince = oldestQueuedAt(group);
                long started = System.nanoTime();
                standing.groupStarted(started - committingSince, started);
                try {
                    commit(group);
                } finally {
                    committingSince = NONE;
                    long ended = System.nanoTime();
                    counted(group.size(), ended - started);
                    newJobs.committed(newJobsIn(group), ended - started, standing.standingAt(ended), ended);
                }
                group.clear();
            }
            if (stopping && waiting.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Waits until {@code first} has been queued {@link #gatherNanos}, so that the writes asked for
     * meanwhile share its commit. A write queued longer ago (it waited behind a commit, or the
     * writer is behind) is not held.
     */
    private void gather(JobWrite<?> first) {
        long wait = first.queuedAtNanos() + gatherNanos - System.nanoTime();
        if (wait > 0 && !closed) {
            LockSupport.parkNanos(this, wait);
        }
    }

    private void counted(int writes, long nanos) {
        commits++; // one writer thread: no lost update
        writesCommitted += writes;
        commitNanos += nanos;
        slowestCommitNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Group commits so far, failed ones included. */
    long commits() {
        return commits;
    }

    /** Writes taken into those commits: their ratio is how many writes share a flush. */
    long writesCommitted() {
        return writesCommitted;
    }

    /** Time spent in those commits, staging and flushing included. */
    long commitNanos() {
        return commitNanos;
    }

    /** The slowest commit since the last call, then forgets it: a scrape sees each interval's worst. */
    long takeSlowestCommitNanos() {
        return slowestCommitNanos.getAndSet(0);
    }

    private static int newJobsIn(List<JobWrite<?>> group) {
        int count = 0;
        for (JobWrite<?> write : group) {
            if (write instanceof JobWrites.Insert insert) {
                count += insert.jobCount();
            }
        }
        return count;
    }

    private static long oldestQueuedAt(List<JobWrite<?>> group) {
        long oldest = group.get(0).queuedAtNanos();
        for (JobWrite<?> write : group) {
            // Compared as a difference: nanoTime may wrap.
            if (write.queuedAtNanos() - oldest < 0) {
                oldest = write.queuedAtNanos();
            }
        }
        return oldest;
    }

    private void commit(List<JobWrite<?>> group) {
        try {
            transactions.executeWrite(status -> {
                stageAll(status.getConnection(), group);
                return null;
            });
        } catch (RuntimeException e) {
            counts.forgetAll();
            if (group.size() == 1 || unreachable(e)) {
                log.warn("{} job write(s) failed: {}", group.size(), e.toString());
                group.forEach(w -> w.failed(e));
            } else {
                log.warn("a group of {} job writes failed ({}); writing them one by one", group.size(), e.toString());
                for (JobWrite<?> write : group) {
                    commit(List.of(write));
                }
            }
            return;
        }
        for (JobWrite<?> write : group) {
            write.committed();
        }
    }

    private void stageAll(Connection connection, List<JobWrite<?>> group) {
        GroupReads reads = new GroupReads();
        for (JobWrite<?> write : group) {
            write.wants(reads);
        }
        try (WriteBatch batch = new WriteBatch(connection, counts, outboxes, reads)) {
            reads.read(connection, counts, jobs);
            for (JobWrite<?> write : group) {
                write.stage(batch, jobs);
            }
            batch.flush();
        } catch (SQLException e) {
            throw new JobWriteException(e);
        }
    }

    /** True when the failure is the connection itself: retrying write by write would only wait longer. */
    private static boolean unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A failed group commit, with the database's reason. */
    static final class JobWriteException extends RuntimeException {
        JobWriteException(SQLException cause) {
            super("job database write failed: " + cause.getMessage(), cause);
        }
    }
}
