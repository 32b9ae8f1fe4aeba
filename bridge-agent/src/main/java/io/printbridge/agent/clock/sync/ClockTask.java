package io.printbridge.agent.clock.sync;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockException;

/** Work for a clock's thread, which alone holds the clock's connection. */
interface ClockTask {

    /**
     * Runs with the clock connected. A {@link ClockException} it throws has been answered already;
     * it ends the session (the connection is spent), and the worker connects again.
     */
    void run(ClockConnection connection, ClockWorker.Session session) throws ClockException, InterruptedException;

    /** The clock is not connected (it is retried with backoff): {@code why} names its last failure. */
    void unreachable(ClockException why);
}
