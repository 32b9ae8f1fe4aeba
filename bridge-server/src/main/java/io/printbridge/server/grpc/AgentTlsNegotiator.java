package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * grpc's own server TLS negotiation, behind a {@link HandshakeGate} that holds each new connection
 * unread until the {@link HandshakeAdmission} gives it a handshake slot, plus a {@link
 * HandshakeRefusalLogger} right after each connection's TLS handler, where the handshake's outcome
 * and the peer's address are both known.
 *
 * <p>This goes through grpc's {@code Internal*} negotiator API (the one grpc's xDS and ALTS
 * transports use), the only place a server can see a connection before its handshake;
 * RefusedCertificatesTest fails if a grpc upgrade changes it.
 */
final class AgentTlsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final Logger log = LoggerFactory.getLogger(AgentTlsNegotiator.class);

    private final InternalProtocolNegotiator.ProtocolNegotiator tls;
    private final HandshakeAdmission admission;

    AgentTlsNegotiator(SslContext sslContext, HandshakeAdmission admission) {
        this.tls = InternalProtocolNegotiators.serverTls(requireNonNull(sslContext, "sslContext"));
        this.admission = requireNonNull(admission, "admission");
    }

    @Override
    public AsciiString scheme() {
        return tls.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new Installer(new HandshakeGate(admission), tls.newHandler(grpcHandler));
    }

    /**
     * Puts the gate and grpc's negotiation handler in its place (the gate first: it must see the
     * connection become active before grpc starts its TLS), then, once grpc has put its SslHandler in front
     * of it (when the connection becomes active), a {@link HandshakeRefusalLogger} right after that
     * SslHandler, where the handshake's completion event passes. The first bytes from the client
     * (its ClientHello) come after that and before any handshake can end: the moment to do it.
     */
    private static final class Installer extends ChannelInboundHandlerAdapter {

        private final HandshakeGate gate;
        private final ChannelHandler negotiation;

        Installer(HandshakeGate gate, ChannelHandler negotiation) {
            this.gate = gate;
            this.negotiation = negotiation;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            // Added while the connection registers, before it is active: the gate turns reading off
            // before the pipeline's head would start it.
            ctx.pipeline().addAfter(ctx.name(), null, negotiation);
            ctx.pipeline().addAfter(ctx.name(), null, gate);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ChannelHandlerContext ssl = ctx.pipeline().context(SslHandler.class);
            if (ssl == null && gate.waiting()) {
                // Read before its slot: the client closed it while it waited; the gate closes and counts it.
                ctx.fireChannelRead(message);
                ctx.pipeline().remove(this);
                return;
            }
            if (ssl == null) {
                log.warn(
                        "no TLS handler in the connection from {}: its handshake refusal, if any, goes unlogged",
                        PeerAddress.format(ctx.channel().remoteAddress()));
            } else {
                ctx.pipeline().addAfter(ssl.name(), null, new HandshakeRefusalLogger());
            }
            ctx.fireChannelRead(message);
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void close() {
        tls.close();
    }
}
