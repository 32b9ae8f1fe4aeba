package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.time.Duration;

/**
 * grpc's own client TLS negotiation, with a handshake timeout of the agent's choosing instead of
 * Netty's fixed 10 s.
 *
 * <p>Why: when a whole fleet dials at once (the server restarted, a city's network came back), the
 * server accepts every connection and serves the handshakes in turn, as fast as its cores allow
 * (bridge-server's HandshakeAdmission). A connection waits its turn unread, and 10,000 shops take
 * about 30 s to serve on two cores. With 10 s, most agents gave up before their turn, dialled again
 * and started at the back, and the server's work on the handshakes they had abandoned was thrown
 * away (BENCHMARKS.md, "Patient agents").
 *
 * <p>grpc creates the SslHandler itself, with Netty's default, and offers no setting for it. Its
 * client transport installs the negotiation handler when the connection registers, before it
 * connects; Netty starts a handshake's clock only when the connection becomes active, so the
 * timeout set here, right after grpc's handler added its SslHandler, is the one that runs. This
 * goes through grpc's {@code Internal*} negotiator API (as bridge-server's AgentTlsNegotiator does
 * on its side); PatientTlsTest fails if a grpc upgrade changes what it relies on.
 */
public final class PatientTls implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final AsciiString HTTPS = AsciiString.of("https");

    private final SslContext sslContext;
    private final long handshakeTimeoutMillis;

    private PatientTls(SslContext sslContext, Duration handshakeTimeout) {
        this.sslContext = requireNonNull(sslContext, "sslContext");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("TLS handshake timeout: " + handshakeTimeout + " (expected: above 0)");
        }
        this.handshakeTimeoutMillis = handshakeTimeout.toMillis();
    }

    /**
     * Makes {@code builder}'s connections use {@code sslContext}, each handshake given {@code
     * handshakeTimeout} from the moment its connection opens. Takes the place of {@code
     * builder.sslContext(...)}.
     */
    public static NettyChannelBuilder use(
            NettyChannelBuilder builder, SslContext sslContext, Duration handshakeTimeout) {
        PatientTls negotiator = new PatientTls(sslContext, handshakeTimeout);
        InternalNettyChannelBuilder.setProtocolNegotiatorFactory(builder, () -> negotiator);
        return builder;
    }

    @Override
    public AsciiString scheme() {
        return HTTPS;
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        ChannelHandler tls = InternalProtocolNegotiators.clientTlsHandler(
                InternalProtocolNegotiators.grpcNegotiationHandler(grpcHandler),
                sslContext,
                grpcHandler.getAuthority(),
                grpcHandler.getNegotiationLogger());
        return new Installer(tls, handshakeTimeoutMillis);
    }

    @Override
    public void close() {
        // Nothing held: the SslContext is the caller's.
    }

    /** Puts grpc's TLS handler in its place, sets the timeout of the SslHandler it added, and leaves. */
    private static final class Installer extends ChannelInboundHandlerAdapter {

        private final ChannelHandler tls;
        private final long handshakeTimeoutMillis;

        Installer(ChannelHandler tls, long handshakeTimeoutMillis) {
            this.tls = tls;
            this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addAfter(ctx.name(), null, tls);
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl == null) {
                throw new IllegalStateException(
                        "grpc's client TLS handler added no SslHandler (a grpc upgrade changed its negotiation)");
            }
            // Before the connection is active (grpc installs this when it registers): the handshake's
            // clock, started by the connection's activation, takes this value.
            ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
            ctx.pipeline().remove(this);
        }
    }
}
