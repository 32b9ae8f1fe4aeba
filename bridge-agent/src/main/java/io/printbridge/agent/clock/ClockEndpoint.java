package io.printbridge.agent.clock;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where a clock answers and how to speak to it.
 *
 * @param commKey the clock's communication key (the old {@code ZK_PASSWORD}); 0 when none is set
 * @param timeout how long one request (one packet and its answer, one chunk of a transfer) may
 *     take before it is retried or given up
 */
public record ClockEndpoint(String host, int port, ClockTransport transport, int commKey, Duration timeout) {

    public ClockEndpoint {
        requireNonNull(host, "host");
        requireNonNull(transport, "transport");
        requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
        }
        if (commKey < 0 || commKey > 999_999) {
            throw new IllegalArgumentException("comm key: " + commKey + " (expected: 0 to 999999)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: more than zero)");
        }
    }

    /** host:port, for messages. */
    public String address() {
        return host + ":" + port;
    }
}
