package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where jobs live. Every state change goes through {@link #update}, which applies a change only
 * if the job is still in the state the caller saw, so two threads (a result arriving, a sweep
 * expiring) can never both move the same job.
 */
public interface JobStore {

    /** Stores a new job, refusing it when the store already has {@code maxQueued} jobs waiting. */
    Job insert(Job job, int maxQueued) throws QueueFullException;

    Optional<Job> find(String id);

    /**
     * Moves the store's next queued job (lowest type priority first, then oldest) to SENT and
     * returns it, or empty when nothing waits.
     */
    Optional<Job> claimNext(String storeId, Instant now);

    /**
     * Applies {@code change} if the job is in {@code expected} state.
     *
     * @return the changed job, or empty if the job is unknown or no longer in that state
     */
    Optional<Job> update(String id, JobState expected, UnaryOperator<Job> change);

    /** The store's jobs in {@code state}, oldest first. */
    List<Job> inState(String storeId, JobState state);

    /** Jobs in {@code state} whose time to live ran out before {@code now}. */
    List<Job> expiredIn(JobState state, Instant now);

    int countQueued(String storeId);

    /** Thrown when a store's queue is full. */
    final class QueueFullException extends Exception {
        public QueueFullException(String message) {
            super(message);
        }
    }
}
