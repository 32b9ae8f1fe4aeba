package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where jobs live. Writes are queued and committed in groups, in the order they were asked for;
 * each returned future completes once its write is committed (or refused), on the writing
 * thread, so what depends on a write (an HTTP answer, an event) never sees it before it is
 * durable. Callbacks on those futures must not block.
 *
 * <p>Every state change is guarded: it applies only if the job is still at the step the caller
 * saw, so two writers (a result arriving, a sweep expiring, an old and a new stream) can never
 * both move the same job. Each new {@link Job#lastTransition()} is appended to the job's history
 * in the same transaction.
 */
public interface JobStore {

    /**
     * Stores new jobs of one store, all in one transaction. Completes with one submission per job,
     * in order: the job ({@code created}), or the job its client already created under the same
     * idempotency key ({@code !created}). Fails with {@link QueueFullException}, storing none,
     * when the store's queue cannot take all the new ones within {@code maxQueued}.
     */
    CompletableFuture<List<Submission>> insert(List<Job> jobs, int maxQueued);

    /**
     * How far behind the store's writes are: how long the oldest write still waiting has waited, in
     * nanoseconds (0 while none waits). A store that writes as it is asked says 0.
     */
    default long writeLagNanos() {
        return 0;
    }

    /**
     * Whether a new job asked for now is to be refused because the store's writes stand behind
     * ({@code bridge.jobs.standing-write-lag}) and as many new jobs already wait for their commit
     * as it can accept in that time; asked once per request. A store that writes as it is asked says
     * false.
     */
    default boolean newJobsFull() {
        return false;
    }

    /** New jobs waiting for the commit that accepts them: for a refusal's message. */
    default int newJobsWaiting() {
        return 0;
    }

    /** {@link #insert(List, int)} for one job. */
    default CompletableFuture<Submission> insert(Job job, int maxQueued) {
        return insert(List.of(job), maxQueued).thenApply(submissions -> submissions.get(0));
    }

    /**
     * Replaces {@code before} by {@code after} if the stored job is still at {@code before}'s step.
     * Completes with whether it was.
     */
    CompletableFuture<Boolean> transition(Job before, Job after);

    /**
     * Records that {@code queued} went down a stream as {@code sent}. Nobody waits for it: it may
     * be held back briefly and written together with the job's next change (its result), which
     * must then be asked for with {@code sent} as its {@code before}. Until it is written, the job
     * reads as QUEUED; if the server stops before, the job is delivered again.
     */
    void sent(Job queued, Job sent);

    /** Records that {@code storeId}'s agent received sent job {@code id}. Nobody waits for it. */
    void acknowledge(String id, String storeId, Instant at);

    /**
     * A new stream takes over the store's deliveries: its jobs still SENT (on an earlier stream
     * that is gone) are QUEUED again with {@code reason}, then the store's QUEUED jobs are read, in
     * delivery order (drawer and status before prints, then oldest first).
     */
    CompletableFuture<TakeOver> takeOver(String storeId, Instant now, String reason);

    /** Moves the store's SENT jobs back to QUEUED with {@code reason}; completes with them, as QUEUED. */
    CompletableFuture<List<Job>> requeueSent(String storeId, Instant now, String reason);

    /** What a new stream takes over: the jobs queued again (as QUEUED) and the whole queue, in delivery order. */
    record TakeOver(List<Job> requeued, List<Job> queue) {}

    Optional<Job> find(String id);

    /** The steps the job went through, oldest first. */
    List<JobTransition> history(String id);

    /**
     * Jobs in {@code state} whose time to live ran out at or before {@code before}, at most
     * {@code limit}: those never sent down a stream when {@code delivered} is false, those sent at
     * least once (and perhaps executed) when it is true.
     */
    List<Job> expiredIn(JobState state, boolean delivered, Instant before, int limit);

    /**
     * Deletes up to {@code limit} final jobs whose time to live ended before {@code cutoff}, with
     * their history. By the time to live rather than the last change: a job is final by then or
     * soon after, and the index that finds them (state, expiry) is the one the sweep of waiting jobs
     * uses anyway; one on the last change would be rewritten by every change of every job.
     */
    int deleteFinishedBefore(Instant cutoff, int limit);

    /** Thrown when a store's queue is full. */
    final class QueueFullException extends Exception {
        public QueueFullException(String message) {
            super(message);
        }
    }
}
