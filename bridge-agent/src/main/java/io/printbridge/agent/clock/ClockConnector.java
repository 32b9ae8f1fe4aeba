package io.printbridge.agent.clock;

/** Opens connections to clocks: the ZK protocol in production, something else in a test. */
@FunctionalInterface
public interface ClockConnector {

    /** Connects and authenticates with the endpoint's comm key. */
    ClockConnection connect(ClockEndpoint endpoint) throws ClockException;
}
