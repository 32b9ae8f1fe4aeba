package io.printbridge.agent.link;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Builds the one channel the agent dials the server on: mutual TLS 1.3 and keepalive. */
public final class AgentChannels {

    /** Largest message the agent accepts: a long receipt with a logo fits in well under this. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 8 * 1024 * 1024;

    /**
     * How long the agent waits for its TLS handshake from the moment its connection opens: the
     * server's handshake queue (40 s by default), the kernel's accept backlog and the handshake
     * itself fit in it. A server that is truly gone is found by the TCP connect, not by this.
     */
    public static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private AgentChannels() {}

    /**
     * A channel with a TLS context of its own (enrolment, tests). The agent's link dials with {@link
     * #open(LinkSettings, TlsFiles, AgentTlsContexts)}, which keeps its TLS sessions from one channel
     * to the next.
     *
     * @throws IOException naming the file when the certificate, the key or the CA bundle cannot be
     *     read as PEM
     */
    public static ManagedChannel open(LinkSettings link, TlsFiles tls) throws IOException {
        return open(link, tls, new AgentTlsContexts());
    }

    /**
     * A channel whose TLS context comes from {@code contexts}: the same context, and so the same
     * session cache, for as long as the files are unchanged.
     *
     * @throws IOException naming the file when the certificate, the key or the CA bundle cannot be
     *     read as PEM
     */
    public static ManagedChannel open(LinkSettings link, TlsFiles tls, AgentTlsContexts contexts) throws IOException {
        return open(link, tls, contexts, TLS_HANDSHAKE_TIMEOUT);
    }

    /** {@link #open(LinkSettings, TlsFiles)} with another handshake timeout (tests). */
    static ManagedChannel open(LinkSettings link, TlsFiles tls, Duration handshakeTimeout) throws IOException {
        return open(link, tls, new AgentTlsContexts(), handshakeTimeout);
    }

    private static ManagedChannel open(
            LinkSettings link, TlsFiles tls, AgentTlsContexts contexts, Duration handshakeTimeout) throws IOException {
        SslContext context = contexts.contextFor(tls);
        NettyChannelBuilder channel = NettyChannelBuilder.forAddress(link.host(), link.port());
        return configure(channel, context, link, handshakeTimeout).build();
    }

    /**
     * The agent's channel settings on {@code builder}, which says where and how to connect: mutual
     * TLS with the agent's patience for its handshake, keepalive, the message bound, no hidden
     * retries. The fleet simulator sets up its agents' channels with this, so they dial as the real
     * one does.
     */
    public static NettyChannelBuilder configure(NettyChannelBuilder builder, SslContext tls, LinkSettings link) {
        return configure(builder, tls, link, TLS_HANDSHAKE_TIMEOUT);
    }

    private static NettyChannelBuilder configure(
            NettyChannelBuilder builder, SslContext tls, LinkSettings link, Duration handshakeTimeout) {
        // A fleet that dials at once is served in turn: the server accepts each connection and holds
        // it unread until a handshake slot is free (bridge.grpc.handshake-queue-timeout, 40 s by
        // default). The agent waits for that, rather than Netty's 10 s, which made most of a large
        // fleet give up, dial again and start at the back (PatientTls). A dial the server closes
        // fails at once, and AgentLink dials again after its full-jitter backoff.
        return PatientTls.use(builder, tls, handshakeTimeout)
                // HTTP/2 pings find a dead TCP connection (NAT timeout, pulled cable) that would
                // otherwise look alive until the OS gives up, many minutes later.
                .keepAliveTime(link.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(link.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                // Reconnection is ours (AgentLink): no hidden retries of the stream.
                .disableRetry()
                // The link's callbacks only queue work (commands go to the printers' threads): they
                // run on the event loop instead of being handed to another thread per message.
                .directExecutor();
    }
}
