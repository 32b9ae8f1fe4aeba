package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 *
 * <p>It is also where a connection from an address that holds too many connections without a
 * certificate is closed ({@link UnauthenticatedConnections}): as it is accepted, before it is
 * registered, read or counted, so a flood from one address costs the port almost nothing.
 */
final class AcceptLimiter extends ChannelInboundHandlerAdapter implements HandshakeAdmission.Acceptor {

    /** A connection counted as unfinished by the admission until its handshake is over or it closes. */
    private static final AttributeKey<CountedOnce> UNFINISHED = AttributeKey.valueOf(AcceptLimiter.class, "unfinished");

    /** A connection counted for its address until it shows a certificate or closes. */
    private static final AttributeKey<CountedOnce> UNIDENTIFIED =
            AttributeKey.valueOf(AcceptLimiter.class, "unidentified");

    /** What a connection was counted in, and how it is counted off: once, whichever event comes first. */
    private record CountedOnce(Runnable countOff, AtomicBoolean pending) {
        static CountedOnce of(Runnable countOff) {
            return new CountedOnce(countOff, new AtomicBoolean(true));
        }

        void end() {
            if (pending.compareAndSet(true, false)) {
                countOff.run();
            }
        }
    }

    private final HandshakeAdmission admission;
    private final UnauthenticatedConnections perAddress;
    private final Channel socket;

    AcceptLimiter(HandshakeAdmission admission, UnauthenticatedConnections perAddress, Channel socket) {
        this.admission = requireNonNull(admission, "admission");
        this.perAddress = requireNonNull(perAddress, "perAddress");
        this.socket = requireNonNull(socket, "socket");
    }

    /** A connection accepted by the socket: its accepted Channel passes on to grpc's acceptor. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof Channel connection) {
            if (connection.remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null) {
                InetAddress address = peer.getAddress();
                if (!perAddress.open(address)) {
                    // Not registered yet: Netty's own way to drop such a connection (its acceptor's forceClose).
                    connection.unsafe().closeForcibly();
                    return;
                }
                connection.attr(UNIDENTIFIED).set(CountedOnce.of(() -> perAddress.release(address)));
            }
            connection.attr(UNFINISHED).set(CountedOnce.of(admission::finished));
            // A connection that closes before its handshake ends (or before it ever starts) counts off too.
            connection.closeFuture().addListener(f -> {
                handshakeOver(connection);
                identified(connection);
            });
            admission.accepted(this);
        }
        ctx.fireChannelRead(message);
    }

    /**
     * {@code connection} showed a store's certificate in its handshake, or closed: it no longer
     * counts against its address. Once per connection; nothing for a connection no limiter counted.
     */
    static void identified(Channel connection) {
        end(connection, UNIDENTIFIED);
    }

    /**
     * {@code connection}'s handshake is over, or it closed: it no longer counts. Once per connection;
     * nothing for a connection no limiter counted.
     */
    static void handshakeOver(Channel connection) {
        end(connection, UNFINISHED);
    }

    private static void end(Channel connection, AttributeKey<CountedOnce> key) {
        CountedOnce counted = connection.attr(key).get();
        if (counted != null) {
            counted.end();
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
