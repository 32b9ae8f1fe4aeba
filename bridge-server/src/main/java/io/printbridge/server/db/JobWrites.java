package io.printbridge.server.db;

import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobStore.QueueFullException;
import io.printbridge.server.jobs.JobTransition;
import io.printbridge.server.jobs.Submission;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The writes the {@link JobWriter} knows, one class each. */
final class JobWrites {

    private JobWrites() {}

    /**
     * New jobs for one store, all or none: each is stored unless its client already used its
     * idempotency key (then the earlier job answers for it); none is stored when the store's queue
     * cannot take all the new ones.
     */
    static final class Insert extends JobWrite<List<Submission>> {
        private final List<Job> jobs;
        private final int maxQueued;
        private final List<Submission> submissions = new ArrayList<>();
        private boolean refused;
        private int queued;

        Insert(List<Job> jobs, int maxQueued) {
            if (jobs.isEmpty()
                    || jobs.stream()
                            .anyMatch(j -> !j.storeId().equals(jobs.get(0).storeId()))) {
                throw new IllegalArgumentException("an insert takes one or more jobs of one store");
            }
            this.jobs = List.copyOf(jobs);
            this.maxQueued = maxQueued;
        }

        /** How many new jobs this write stores, at most. */
        int jobCount() {
            return jobs.size();
        }

        @Override
        void wants(GroupReads reads) {
            reads.count(jobs.get(0).storeId());
            for (Job job : jobs) {
                if (job.idempotencyKey() != null) {
                    reads.key(job.requestedBy(), job.idempotencyKey());
                }
            }
        }

        @Override
        void stage(WriteBatch batch, JobRepository repository) throws SQLException {
            submissions.clear();
            refused = false;
            List<Job> fresh = new ArrayList<>();
            for (Job job : jobs) {
                Optional<Job> earlier = earlier(job, batch);
                submissions.add(earlier.map(e -> new Submission(e, false)).orElseGet(() -> new Submission(job, true)));
                if (earlier.isEmpty()) {
                    fresh.add(job);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            queued = batch.counts().queued(jobs.get(0).storeId(), batch);
            if (queued + fresh.size() > maxQueued) {
                refused = true;
                return;
            }
            for (Job job : fresh) {
                batch.insert(job);
            }
        }

        private static Optional<Job> earlier(Job job, WriteBatch batch) {
            String key = job.idempotencyKey();
            if (key == null) {
                return Optional.empty();
            }
            return batch.stagedWithKey(job.requestedBy(), key)
                    .or(() -> batch.reads().earlier(job.requestedBy(), key));
        }

        @Override
        List<Submission> outcome() throws QueueFullException {
            if (refused) {
                int asked =
                        (int) submissions.stream().filter(Submission::created).count();
                throw new QueueFullException(
                        "store " + jobs.get(0).storeId() + " already has " + queued + " jobs waiting (limit "
                                + maxQueued + (asked > 1 ? "; " + asked + " more asked for" : "") + ")");
            }
            return List.copyOf(submissions);
        }
    }

    /** {@code before} becomes {@code after} if the stored job is still at {@code before}'s step. */
    static final class Transition extends JobWrite<Boolean> {
        private Job before;
        private final Job after;
        private List<JobTransition> earlierSteps = List.of();
        private boolean applied;

        Transition(Job before, Job after) {
            this.before = before;
            this.after = after;
        }

        Job before() {
            return before;
        }

        /**
         * Makes this change start from {@code queued}, whose SENT step {@code sent} was never
         * written (see {@link DeferredSends}): both steps are written by this one change.
         */
        void continueFrom(Job queued, Job sent) {
            this.before = queued;
            this.earlierSteps = List.of(sent.lastTransition());
        }

        @Override
        void stage(WriteBatch batch, JobRepository jobs) {
            applied = false;
            batch.transition(before, after, earlierSteps, a -> applied = a);
        }

        @Override
        Boolean outcome() {
            return applied;
        }
    }

    /**
     * A job went down a stream. Nobody waits for this write: the {@link JobWriter} holds it back
     * for a moment ({@link DeferredSends}) so that, usually, it is written together with the job's
     * result in one change.
     */
    static final class Sent extends JobWrite<Void> {
        private final Job queued;
        private final Job sent;

        Sent(Job queued, Job sent) {
            this.queued = queued;
            this.sent = sent;
        }

        Job queued() {
            return queued;
        }

        Job sent() {
            return sent;
        }

        /** Never staged: {@link DeferredSends} holds it and writes it as a {@link Transition}. */
        @Override
        void stage(WriteBatch batch, JobRepository jobs) {
            throw new IllegalStateException("a SENT is written by DeferredSends, not staged");
        }

        @Override
        Void outcome() {
            return null;
        }
    }

    /** The agent received a sent job. Nobody waits for this write either. */
    static final class Acknowledge extends JobWrite<Void> {
        private final String id;
        private final String storeId;
        private final Instant at;

        Acknowledge(String id, String storeId, Instant at) {
            this.id = id;
            this.storeId = storeId;
            this.at = at;
        }

        String id() {
            return id;
        }

        Instant at() {
            return at;
        }

        @Override
        void stage(WriteBatch batch, JobRepository jobs) throws SQLException {
            batch.acknowledge(id, storeId, at);
        }

        @Override
        Void outcome() {
            return null;
        }
    }

    /** The store's SENT jobs back to QUEUED; with {@code thenRead}, the store's queue read afterwards. */
    static final class Requeue extends JobWrite<JobStore.TakeOver> {
        private final String storeId;
        private final Instant now;
        private final String reason;
        private final boolean thenRead;
        private final List<Job> requeued = new ArrayList<>();
        private List<Job> queue = List.of();

        Requeue(String storeId, Instant now, String reason, boolean thenRead) {
            this.storeId = storeId;
            this.now = now;
            this.reason = reason;
            this.thenRead = thenRead;
        }

        @Override
        void stage(WriteBatch batch, JobRepository jobs) throws SQLException {
            requeued.clear();
            queue = List.of();
            batch.flush();
            for (JobRow row : jobs.findInState(storeId, JobState.SENT.name())) {
                Job sent = JobRows.toJob(row);
                Job again = sent.to(JobState.QUEUED, now, reason);
                batch.transition(sent, again, applied -> {
                    if (applied) {
                        requeued.add(again);
                    }
                });
            }
            batch.flush();
            if (thenRead) {
                queue = jobs.findInState(storeId, JobState.QUEUED.name()).stream()
                        .map(JobRows::toJob)
                        .toList();
            }
        }

        /** The jobs queued again and, with {@code thenRead}, the whole queue (else empty). */
        @Override
        JobStore.TakeOver outcome() {
            return new JobStore.TakeOver(List.copyOf(requeued), queue);
        }
    }
}
