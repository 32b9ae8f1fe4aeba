package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first handler of a listening socket of the agents' port: it sees each connection the moment
 * it is accepted, counts it with the {@link HandshakeAdmission} until its handshake is over, and
 * stops the socket accepting while as many connections as the admission holds are unfinished.
 * New dials then wait in the kernel (the accept backlog, then the client's own SYN retries, which
 * back off by themselves) and cost neither side anything.
 *
 * <p>Why here and not when the connection becomes active: that happens on the connection's event
 * loop, busy with handshakes, while this socket's loop accepts thousands a second; a pause decided
 * there came too late, and the connections accepted meanwhile were closed at once, sending their
 * agents round their backoff (BENCHMARKS.md, "Handshake admission"). Here the pause takes hold
 * before the next accept. The same move as Netty's own acceptor after an accept error, and as a
 * proxy's {@code maxconn}.
 */
final class AcceptLimiter extends ChannelInboundHandlerAdapter implements HandshakeAdmission.Acceptor {

    /** A connection counted as unfinished, to be counted off once. */
    private static final AttributeKey<Unfinished> UNFINISHED = AttributeKey.valueOf(AcceptLimiter.class, "unfinished");

    private record Unfinished(HandshakeAdmission admission, AtomicBoolean counted) {}

    private final HandshakeAdmission admission;
    private final Channel socket;

    AcceptLimiter(HandshakeAdmission admission, Channel socket) {
        this.admission = requireNonNull(admission, "admission");
        this.socket = requireNonNull(socket, "socket");
    }

    /** A connection accepted by the socket: its accepted Channel passes on to grpc's acceptor. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Channel connection) {
            connection.attr(UNFINISHED).set(new Unfinished(admission, new AtomicBoolean(true)));
            // A connection that closes before its handshake ends (or before it ever starts) counts off too.
            connection.closeFuture().addListener(f -> handshakeOver(connection));
            admission.accepted(this);
        }
        ctx.fireChannelRead(message);
    }

    /**
     * {@code connection}'s handshake is over, or it closed: it no longer counts. Once per connection;
     * nothing for a connection no limiter counted.
     */
    static void handshakeOver(Channel connection) {
        Unfinished unfinished = connection.attr(UNFINISHED).get();
        if (unfinished != null && unfinished.counted().compareAndSet(true, false)) {
            unfinished.admission().finished();
        }
    }

    /** Called on this socket's event loop when at the bound: the pause holds before the next accept. */
    @Override
    public void pause() {
        socket.config().setAutoRead(false);
    }

    /** From any thread: Netty hands the read to the socket's event loop. */
    @Override
    public void resume() {
        socket.config().setAutoRead(true);
    }
}
