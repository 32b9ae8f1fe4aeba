package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where jobs live. Every state change goes through {@link #update}, which applies a change only
 * if the job is still in the state the caller saw, so two threads (a result arriving, a sweep
 * expiring) can never both move the same job. Each new {@link Job#lastTransition()} is appended
 * to the job's history in the same write.
 */
public interface JobStore {

    /**
     * Stores a new job, refusing it when the store already has {@code maxQueued} jobs waiting or
     * when its client already used its idempotency key (then the existing job wins).
     */
    Job insert(Job job, int maxQueued) throws QueueFullException, DuplicateKeyException;

    Optional<Job> find(String id);

    /** The job {@code client} created with {@code idempotencyKey}, if any. */
    Optional<Job> findByIdempotencyKey(String client, String idempotencyKey);

    /** The steps the job went through, oldest first. */
    List<JobTransition> history(String id);

    /**
     * Moves the store's next queued job that has not expired (drawer and status before prints,
     * then oldest first) to SENT and returns it, or empty when nothing waits.
     */
    Optional<Job> claimNext(String storeId, Instant now);

    /**
     * Applies {@code change} if the job is in {@code expected} state.
     *
     * @return the changed job, or empty if the job is unknown or no longer in that state
     */
    Optional<Job> update(String id, JobState expected, UnaryOperator<Job> change);

    /**
     * Applies {@code change} to {@code current}, a value the caller has just read, if the stored
     * job is still in {@code current}'s state: {@link #update} without reading the job again.
     */
    Optional<Job> update(Job current, UnaryOperator<Job> change);

    /** Records that {@code storeId}'s agent received sent job {@code id}; false if it is not such a job. */
    boolean acknowledge(String id, String storeId, Instant at);

    /** The store's jobs in {@code state}, in delivery order. */
    List<Job> inState(String storeId, JobState state);

    /** Jobs in {@code state} whose time to live ran out at or before {@code now}, at most {@code limit}. */
    List<Job> expiredIn(JobState state, Instant now, int limit);

    int countQueued(String storeId);

    /** Deletes up to {@code limit} final jobs last changed before {@code cutoff}, with their history. */
    int deleteFinishedBefore(Instant cutoff, int limit);

    /** Thrown when a store's queue is full. */
    final class QueueFullException extends Exception {
        public QueueFullException(String message) {
            super(message);
        }
    }

    /** Thrown when a client's idempotency key is taken by another job (a concurrent retry). */
    final class DuplicateKeyException extends Exception {
        public DuplicateKeyException(String message) {
            super(message);
        }
    }
}
