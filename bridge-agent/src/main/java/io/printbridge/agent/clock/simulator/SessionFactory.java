package io.printbridge.agent.clock.simulator;

/** Starts a session for a new client and ends it when the client is gone, so live events reach exactly the live ones. */
interface SessionFactory {

    SimulatedSession open(SessionOutput out);

    void closed(SimulatedSession session);

    /** Whether the clock is rebooting: it then takes no connection and answers no datagram. */
    boolean rebooting();
}
