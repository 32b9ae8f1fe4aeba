/**
 * Reading the shop's clocks for the server: one {@link ClockWorker} thread per clock holds its
 * connection, takes live punches as they are made, reads the whole log after every (re)connection
 * and whenever the clock holds more than the server has acknowledged, and runs the server's clock
 * commands. A {@link ReadCursor} per clock, moved only when the server has acknowledged a batch as
 * stored, says how much of the log is safe; the guarded clear stands on it.
 */
@NullMarked
package io.printbridge.agent.clock.sync;

import org.jspecify.annotations.NullMarked;
