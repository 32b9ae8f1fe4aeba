package io.printbridge.server.jobs;

/**
 * Why a job did not end DONE: a stable code for programs ({@code PAPER_OUT}, {@code EXPIRED},
 * {@code AGENT_UNREACHABLE}...) and a sentence for people.
 */
public record JobError(String code, String message) {}
