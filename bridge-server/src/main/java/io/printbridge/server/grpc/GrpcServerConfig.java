package io.printbridge.server.grpc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agents' gRPC endpoint ({@code bridge.grpc.*}).
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param certificate the server's certificate chain (PEM)
 * @param key the server's PKCS#8 private key (PEM)
 * @param clientCa the store CA of the first start, recorded then as the issuing CA; from then on the
 *     store CAs trusted are those of the database ({@code bridge-server ca})
 * @param permitKeepAliveTime the most frequent client ping accepted; agents ping every 30 s
 * @param keepAliveTime how often the server pings an idle agent connection
 * @param keepAliveTimeout how long such a ping may go unanswered before the connection is dropped
 * @param heartbeatInterval the agent heartbeat interval the server asks for in its Welcome while it
 *     holds few streams
 * @param heartbeatsPerSecond this server's heartbeats a second past which the Welcome asks for a
 *     longer interval, up to 30 s ({@link HeartbeatPace}): at the default, from 9,000 streams on
 *     (the streams held, or this server's share of the stores known among the servers alive)
 * @param maxInboundMessageBytes the largest message an agent may send
 * @param shutdownGrace how long a graceful stop waits for streams to close
 * @param maxCallsPerConnection streams one agent connection may have open at once (HTTP/2
 *     SETTINGS_MAX_CONCURRENT_STREAMS): an agent needs one, a few more cover a reconnection; a
 *     client that opens streams in a loop waits for its refused ones instead of churning
 * @param reloadInterval how often the certificate and key files are read again: a changed pair is
 *     served to new connections without a restart
 * @param maxConcurrentHandshakes TLS handshakes that may run at once; 0 (the default) means {@value
 *     #HANDSHAKES_PER_CORE} per core. A handshake holds its slot for a network round trip or two as
 *     well as its few milliseconds of CPU, so the bound is well above the core count, yet small
 *     enough that each admitted handshake ends within a second or so (see HandshakeAdmission). A
 *     storm of 10,000 on two shared cores was served at about 200 a second with 64 slots, and
 *     about 330 with 256 (BENCHMARKS.md, "Patient agents")
 * @param maxQueuedHandshakes accepted connections that may wait for a handshake slot, unread; with the
 *     slots all taken and this many waiting, the port accepts no more until half of them are served
 *     (new dials wait in the kernel's accept backlog, then in their own SYN retries). The default is
 *     about what two cores serve within the queue's deadline, so a fleet of 10,000 that dials at
 *     once is accepted at once and served in turn, rather than dropped by the kernel and dialled again
 * @param handshakeQueueTimeout how long a connection may wait for a slot before it is closed. Agents
 *     wait {@code AgentChannels.TLS_HANDSHAKE_TIMEOUT} (60 s) for their handshake from the moment
 *     their connection opens, so the wait, the time in the accept backlog and the handshake together
 *     stay under that. Agents built before 2026-12-06 wait 10 s (Netty's default): the newest waiter
 *     is served first, so those still connect in a storm, and those that gave up are counted as
 *     abandoned
 * @param handshakeTimeout how long an admitted handshake may take before its connection is closed
 *     and its slot freed (a client that opens a connection and never speaks holds a slot no longer)
 * @param acceptBacklog connections the kernel completes and holds for the port while it accepts none
 *     (the listen backlog, capped by {@code net.core.somaxconn}). Their agents' handshake clock
 *     already runs there; with agents that waited 10 s, a larger one (Netty takes somaxconn, 4096)
 *     held dials the agents had given up on by their turn, whose handshakes were then thrown away
 *     (BENCHMARKS.md, "Handshake admission"); past it, a dial's SYN is dropped and its kernel sends
 *     it again 1, 3, 7... s later. With the queue's default the port rarely stops accepting
 * @param maxUnauthenticatedConnectionsPerAddress connections one client address may hold that have
 *     shown no store certificate (waiting for their handshake, in it, or past it without a
 *     certificate, enrolling); past it, a new one from that address is closed as it is accepted. 0
 *     means no bound: behind a TCP load balancer that hides the agents' addresses (every connection
 *     then has the balancer's), see UnauthenticatedConnections
 * @param maxAgentConnections connections the agents' port holds at once, with or without a
 *     certificate; past it, the port accepts none until one closes (the agents wait in the kernel).
 *     0 (the default) means the process's open-file limit less {@code open-files-reserve}: each
 *     connection is an open file, and a fleet that took them all would leave none for the database
 *     or the ERP (see AgentConnectionBudget)
 * @param openFilesReserve open files kept, when {@code max-agent-connections} is 0, for everything
 *     but the agents' connections (the database's pool, the ERP's and the dashboard's connections,
 *     webhooks, jars and logs); at most half the limit
 */
@ConfigurationProperties("bridge.grpc")
public record GrpcServerConfig(
        @Bindable(defaultValue = "8443") @Min(0) @Max(65535) int port,
        @NotNull Path certificate,
        @NotNull Path key,
        @NotNull Path clientCa,
        @Bindable(defaultValue = "10s") @NotNull Duration permitKeepAliveTime,
        @Bindable(defaultValue = "60s") @NotNull Duration keepAliveTime,
        @Bindable(defaultValue = "20s") @NotNull Duration keepAliveTimeout,
        @Bindable(defaultValue = "15s") @NotNull Duration heartbeatInterval,
        @Bindable(defaultValue = "600") @Positive int heartbeatsPerSecond,
        @Bindable(defaultValue = "1048576") @Positive int maxInboundMessageBytes,
        @Bindable(defaultValue = "10s") @NotNull Duration shutdownGrace,
        @Bindable(defaultValue = "4") @Positive int maxCallsPerConnection,
        @Bindable(defaultValue = "10s") @NotNull Duration reloadInterval,
        @Bindable(defaultValue = "0") @Min(0) int maxConcurrentHandshakes,
        @Bindable(defaultValue = "10000") @Min(0) int maxQueuedHandshakes,
        @Bindable(defaultValue = "40s") @NotNull Duration handshakeQueueTimeout,
        @Bindable(defaultValue = "5s") @NotNull Duration handshakeTimeout,
        @Bindable(defaultValue = "1024") @Positive int acceptBacklog,
        @Bindable(defaultValue = "256") @Min(0) int maxUnauthenticatedConnectionsPerAddress,
        @Bindable(defaultValue = "0") @Min(0) int maxAgentConnections,
        @Bindable(defaultValue = "1000") @Min(0) int openFilesReserve) {

    /** Handshakes at once per core when {@code max-concurrent-handshakes} is left at 0. */
    public static final int HANDSHAKES_PER_CORE = 128;

    /** {@link #maxConcurrentHandshakes}, or its default from the cores this process may use. */
    public int maxConcurrentHandshakesOrDefault() {
        return maxConcurrentHandshakes > 0
                ? maxConcurrentHandshakes
                : HANDSHAKES_PER_CORE * Runtime.getRuntime().availableProcessors();
    }
}
