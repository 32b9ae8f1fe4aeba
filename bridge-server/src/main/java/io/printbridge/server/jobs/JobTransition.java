package io.printbridge.server.jobs;

import java.time.Instant;

/**
 * One step in a job's history: its number (1 for QUEUED at creation), the state it entered,
 * when, and why.
 */
public record JobTransition(int step, JobState state, Instant at, String reason) {}
