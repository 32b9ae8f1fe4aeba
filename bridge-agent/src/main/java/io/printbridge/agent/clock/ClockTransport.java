package io.printbridge.agent.clock;

/** How the agent reaches a clock: TCP by default, UDP for older firmware. */
public enum ClockTransport {
    TCP,
    UDP
}
