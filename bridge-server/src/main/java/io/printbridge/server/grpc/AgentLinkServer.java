package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.server.attendance.AttendanceLink;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.IdentityConfig;
import io.printbridge.server.identity.StoreCas;
import io.printbridge.server.streams.AgentStreams;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' gRPC server: owns only its lifecycle. Starts with the application, and on
 * shutdown tells every agent to come back in a few (jittered) seconds, then stops within the
 * configured grace. The RPC logic is in {@link AgentLinkService}.
 */
@Context
@Requires(notEnv = "cli") // administration commands share the context, not the agents' port
public class AgentLinkServer {

    private static final Logger log = LoggerFactory.getLogger(AgentLinkServer.class);

    private final AttendanceLink attendance;
    private final GrpcServerConfig config;
    private final AgentStreams streams;
    private final StoreCas cas;
    private final Clock clock;
    private @Nullable Server server;
    private @Nullable AgentEventLoops eventLoops;
    private final EnrolmentCodes enrolmentCodes;
    private final IdentityConfig identity;
    private final HandshakeAdmission admission;
    private final AgentConnectionBudget budget;
    private final UnauthenticatedConnections unauthenticated;
    private final SessionTicketKeys ticketKeys;
    private @Nullable ServerCertificateFiles certificateFiles;
    private @Nullable EnrollmentService enrollment;

    public AgentLinkServer(
            GrpcServerConfig config,
            AgentStreams streams,
            StoreCas cas,
            Clock clock,
            EnrolmentCodes enrolmentCodes,
            IdentityConfig identity,
            HandshakeAdmission admission,
            AgentConnectionBudget budget,
            UnauthenticatedConnections unauthenticated,
            SessionTicketKeys ticketKeys,
            AttendanceLink attendance) {
        this.attendance = requireNonNull(attendance, "attendance");
        this.config = requireNonNull(config, "config");
        this.streams = requireNonNull(streams, "streams");
        this.cas = requireNonNull(cas, "cas");
        this.clock = requireNonNull(clock, "clock");
        this.enrolmentCodes = requireNonNull(enrolmentCodes, "enrolmentCodes");
        this.identity = requireNonNull(identity, "identity");
        this.admission = requireNonNull(admission, "admission");
        this.budget = requireNonNull(budget, "budget");
        this.unauthenticated = requireNonNull(unauthenticated, "unauthenticated");
        this.ticketKeys = requireNonNull(ticketKeys, "ticketKeys");
    }

    @PostConstruct
    void start() {
        AgentLinkService service = new AgentLinkService(
                streams,
                clock,
                new HeartbeatPace(config.heartbeatInterval(), config.heartbeatsPerSecond()),
                ServerVersion.current(),
                attendance);
        EnrollmentService enrolling = new EnrollmentService(
                enrolmentCodes,
                new EnrolmentRateLimit(identity.enrolmentsPerMinute(), identity.enrolmentsPerMinutePerAddress()),
                System::nanoTime);
        // grpc's TLS negotiation, a bounded number of handshakes at once (HandshakeAdmission), with a
        // line in the log for every refused handshake (AgentTlsNegotiator).
        AgentEventLoops loops = new AgentEventLoops();
        Server built = loops.apply(
                        NettyServerBuilder.forPort(
                                config.port(),
                                InternalNettyServerCredentials.create(new AgentTlsNegotiator(sslContext(), admission))),
                        admission,
                        budget,
                        unauthenticated)
                .withOption(ChannelOption.SO_BACKLOG, config.acceptBacklog())
                // grpc's own bound on a connection's setup (TLS, then HTTP/2's settings), 120 s by
                // default: a connection may wait its turn, then take its handshake, and no longer.
                .handshakeTimeout(
                        config.handshakeQueueTimeout()
                                .plus(config.handshakeTimeout())
                                .plusSeconds(5)
                                .toMillis(),
                        TimeUnit.MILLISECONDS)
                // Agents ping every 30 s; allow down to permitKeepAliveTime so none is sent GOAWAY
                // (too_many_pings), and ping idle agents ourselves to find dead connections.
                .permitKeepAliveTime(config.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(config.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxInboundMessageSize(config.maxInboundMessageBytes())
                // One stream per agent, and room for a reconnection: a client looping over refused
                // streams waits for them (each refusal is held a while) instead of churning.
                .maxConcurrentCallsPerConnection(config.maxCallsPerConnection())
                // The stream callbacks never block (jobs go through the job writer's queue, store
                // records through StoreDirectory's): they run on the event loop, without a hand-off
                // to another thread for every message.
                .directExecutor()
                .addService(
                        ServerInterceptors.intercept(service, new StoreIdentityInterceptor(clock), new PeerAddress()))
                // Enrolment: same port and TLS, but for PCs that have no certificate yet.
                .addService(ServerInterceptors.intercept(enrolling, new PeerAddress()))
                .build();
        try {
            built.start();
        } catch (IOException e) {
            loops.close();
            throw new UncheckedIOException(
                    "cannot listen for agents on port " + config.port() + ": " + e.getMessage(), e);
        }
        server = built;
        eventLoops = loops;
        enrollment = enrolling;
        log.info(
                "listening for agents on port {} (mutual TLS 1.3, {} store CA(s) trusted, {} handshakes at once,"
                        + " {} more may wait {}, {} connections without a certificate per address, {})",
                built.getPort(),
                cas.trusted().size(),
                admission.maxInProgress(),
                config.maxQueuedHandshakes(),
                config.handshakeQueueTimeout(),
                unauthenticated.maxPerAddress() == 0 ? "any number of" : unauthenticated.maxPerAddress(),
                connectionsAtOnce());
    }

    /** The agents' port's bound on connections, in the words of the start's log line. */
    private String connectionsAtOnce() {
        if (budget.maxConnections() == AgentConnectionBudget.UNBOUNDED) {
            return "any number of connections at once";
        }
        if (config.maxAgentConnections() > 0) {
            return "at most " + budget.maxConnections() + " connections at once (bridge.grpc.max-agent-connections)";
        }
        return "at most " + budget.maxConnections() + " connections at once: the open-file limit "
                + budget.openFileLimit() + " less " + (budget.openFileLimit() - budget.maxConnections())
                + " kept for the database, the API and files";
    }

    /** The server's certificate files, read again while the server runs (tests reload them at once). */
    public void reloadCertificate() {
        ServerCertificateFiles files = certificateFiles;
        if (files != null) {
            files.reload();
        }
    }

    /** The port agents dial; the real one when configured with 0. */
    public int port() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("the agent server is not running");
        }
        return running.getPort();
    }

    @PreDestroy
    void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        server = null;
        ServerCertificateFiles files = certificateFiles;
        if (files != null) {
            files.close();
        }
        EnrollmentService enrolling = enrollment;
        if (enrolling != null) {
            enrolling.close();
        }
        // First no new connection nor stream (the listening socket closes; live calls go on), then
        // every agent told when to come back, spread so a restart does not bring every shop back in
        // the same second. The other way round, at 10,000 streams the telling took over a second,
        // and the agents asked back after one came back to this server, were welcomed again, and
        // held the stop for its whole grace (BENCHMARKS.md, "A quieter machine").
        running.shutdown();
        streams.disconnectAll(DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN, "server shutting down");
        try {
            if (!running.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("agent streams still open after {}: closing them", config.shutdownGrace());
                running.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.shutdownNow();
        }
        AgentEventLoops loops = eventLoops;
        if (loops != null) {
            loops.close();
            eventLoops = null;
        }
        log.info("agent server stopped");
    }

    /**
     * TLS for agents: the server's certificate from {@link ServerCertificateFiles} (replaced when its
     * files change), and the store CAs of the database for agents' certificates (replaced when they
     * change, and then handed to the live streams as their CA bundle).
     */
    private SslContext sslContext() {
        try {
            ServerCertificateFiles files =
                    new ServerCertificateFiles(config.certificate(), config.key(), cas::trusted, clock);
            StoreCaTrustManager trust = StoreCaTrustManager.forStoreCas(cas.trusted());
            // The certificate's signature checked in a tenth of the JDK's time (StoreCaSignatures).
            StoreCaSignatures.trust(cas.trusted());
            streams.trust(cas.trusted());
            cas.onChange(trusted -> {
                try {
                    trust.trustOnly(trusted);
                } catch (GeneralSecurityException e) {
                    log.error("the new set of store CAs cannot be trusted; the old one stays: {}", e.toString());
                    return;
                }
                StoreCaSignatures.trust(trusted);
                // A resumed session skips the chain check: none may resume on a CA trusted no more.
                ticketKeys.storeCasChanged(trusted);
                streams.trust(trusted);
            });
            SslContextBuilder builder = SslContextBuilder.forServer(files.keyManager())
                    .trustManager(trust)
                    // OPTIONAL, not REQUIRE: an agent without a certificate then gets a clear
                    // UNAUTHENTICATED status from StoreIdentityInterceptor instead of a bare alert.
                    // Certificates that are shown are verified in the handshake all the same.
                    .clientAuth(ClientAuth.OPTIONAL)
                    .protocols("TLSv1.3")
                    .sessionTimeout(SessionTicketKeys.TICKET_LIFETIME.toSeconds());
            SslContext context = GrpcSslContexts.configure(builder).build();
            // Tickets that outlive a restart: the fleet comes back with resumed handshakes.
            ticketKeys.serve(context, cas.trusted());
            files.watch(config.reloadInterval());
            certificateFiles = files;
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for agents: " + e.getMessage(), e);
        }
    }
}
