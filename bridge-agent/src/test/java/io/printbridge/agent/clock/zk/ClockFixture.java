package io.printbridge.agent.clock.zk;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import java.time.Duration;

/** Endpoints and connections to a simulated clock, for the client's tests. */
final class ClockFixture {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ClockFixture() {}

    static ClockEndpoint endpoint(SimulatedZkClock clock, ClockTransport transport) {
        return endpoint(clock, transport, 0, TIMEOUT);
    }

    static ClockEndpoint endpoint(SimulatedZkClock clock, ClockTransport transport, int commKey, Duration timeout) {
        int port = transport == ClockTransport.TCP ? clock.tcpPort() : clock.udpPort();
        return new ClockEndpoint("127.0.0.1", port, transport, commKey, timeout);
    }

    static ClockConnection connect(SimulatedZkClock clock, ClockTransport transport) throws ClockException {
        return new ZkClockConnector().connect(endpoint(clock, transport));
    }
}
