/**
 * The agent as an operating-system service: the entry points that Apache Commons Daemon's procrun
 * calls in its JVM mode on Windows ({@link io.printbridge.agent.service.AgentService}). Linux runs
 * {@code bridge-agent run} under systemd instead, which needs nothing here.
 */
@NullMarked
package io.printbridge.agent.service;

import org.jspecify.annotations.NullMarked;
