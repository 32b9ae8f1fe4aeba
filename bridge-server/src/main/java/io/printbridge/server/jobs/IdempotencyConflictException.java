package io.printbridge.server.jobs;

/** An {@code Idempotency-Key} was reused for a different request. */
public final class IdempotencyConflictException extends Exception {
    public IdempotencyConflictException(String key, String existingJobId) {
        super("Idempotency-Key \"" + key + "\" was already used for a different request (job " + existingJobId
                + "); expected: the same key only for a retry of the same request");
    }
}
