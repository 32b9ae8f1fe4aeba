package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the agent reaches and stays connected to the server.
 *
 * @param host the server's host name, as in its certificate
 * @param port the server's gRPC port
 * @param heartbeatInterval how often the agent sends a Heartbeat (the server may ask for another)
 * @param missedHeartbeatsBeforeDead echoes missed in a row before the stream counts as dead
 * @param backoffBase first reconnect window
 * @param backoffCap largest reconnect window
 * @param keepAliveTime HTTP/2 ping interval; the server must permit at least this often. grpc starts
 *     it with the connection, before TLS: a ping sent while the handshake waits in the server's
 *     queue goes unanswered, so this plus {@code keepAliveTimeout} also bounds how long the agent
 *     waits for its handshake, and is kept at or above {@link AgentChannels#TLS_HANDSHAKE_TIMEOUT}
 * @param keepAliveTimeout how long a ping may go unanswered before the connection is dropped
 */
public record LinkSettings(
        String host,
        int port,
        Duration heartbeatInterval,
        int missedHeartbeatsBeforeDead,
        Duration backoffBase,
        Duration backoffCap,
        Duration keepAliveTime,
        Duration keepAliveTimeout) {

    public LinkSettings {
        requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server port: " + port + " (expected: 1 to 65535)");
        }
        if (missedHeartbeatsBeforeDead < 1) {
            throw new IllegalArgumentException(
                    "missedHeartbeatsBeforeDead: " + missedHeartbeatsBeforeDead + " (expected: at least 1)");
        }
    }

    /**
     * Production defaults. Keepalive 50 s stays above the server's permitted minimum (10 s), so
     * the server never answers our pings with GOAWAY(too_many_pings); with its 10 s timeout it lets
     * a handshake wait the 60 s AgentChannels gives it (at 30 s, a fleet dialling at once lost
     * 1,872 of 10,000 queued handshakes to the ping's timeout). On a live stream the heartbeats
     * (every 15 s) keep the ping from being sent at all: grpc pings only a silent connection.
     */
    public static LinkSettings defaults(String host, int port) {
        return new LinkSettings(
                host,
                port,
                Duration.ofSeconds(15),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(50),
                Duration.ofSeconds(10));
    }
}
