package io.printbridge.server.jobs;

import java.time.Instant;

/** One step in a job's history: the state it entered, when, and why. */
public record JobTransition(JobState state, Instant at, String reason) {}
