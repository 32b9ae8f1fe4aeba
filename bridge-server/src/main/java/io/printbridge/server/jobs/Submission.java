package io.printbridge.server.jobs;

/**
 * The answer to a job request: the job, and whether it was created now or is the one an earlier
 * request with the same idempotency key created (a retry: nothing new will print).
 */
public record Submission(Job job, boolean created) {}
