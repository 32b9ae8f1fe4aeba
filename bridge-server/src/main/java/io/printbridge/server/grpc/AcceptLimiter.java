package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.util.AttributeKey;
import io.printbridge.logging.RateLimitedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a listening socket of the agents' port: it sees each connection the moment
 * it is accepted and counts it with the bounds that may stop the socket accepting: the {@link
 * HandshakeAdmission} until its handshake is over (a fleet dialling at once), the {@link
 * AgentConnectionBudget} until it closes (a fleet larger than the process's open files). New dials
 * then wait in the kernel (the accept backlog, then the client's own SYN retries, which back off by
 * themselves) and cost neither side anything. The socket accepts while no bound holds it paused.
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
 *
 * <p>An accept that fails (the process out of open files all the same, the reserve spent by other
 * connections) pauses the socket for a second, as Netty's own acceptor would, with one line a
 * minute that says the open files and the limit, instead of a stack trace per failure.
 */
final class AcceptLimiter extends ChannelInboundHandlerAdapter {

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

    /** How long the socket accepts nothing after a failed accept: Netty's own acceptor's pause. */
    private static final long ACCEPT_ERROR_PAUSE_MILLIS = 1_000;

    /** The bounds that may hold the socket paused, one bit each. */
    private static final int HANDSHAKES = 1;

    private static final int CONNECTIONS = 2;
    private static final int ACCEPT_ERROR = 4;

    private static final Logger log = LoggerFactory.getLogger(AcceptLimiter.class);

    /** Accept errors come by the hundred once the files are spent: one line a minute for all sockets. */
    private static final RateLimitedLog acceptErrors = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));

    private final HandshakeAdmission admission;
    private final AgentConnectionBudget budget;
    private final UnauthenticatedConnections perAddress;
    private final Channel socket;
    private final ListeningSocket forHandshakes = new View(HANDSHAKES);
    private final ListeningSocket forConnections = new View(CONNECTIONS);

    /** The bounds holding the socket paused now; the socket accepts at 0. Guarded by this. */
    private int pausedBy;

    AcceptLimiter(
            HandshakeAdmission admission,
            AgentConnectionBudget budget,
            UnauthenticatedConnections perAddress,
            Channel socket) {
        this.admission = requireNonNull(admission, "admission");
        this.budget = requireNonNull(budget, "budget");
        this.perAddress = requireNonNull(perAddress, "perAddress");
        this.socket = requireNonNull(socket, "socket");
    }

    /** The socket as one bound sees it: that bound's pause and resume. */
    private final class View implements ListeningSocket {
        private final int bound;

        View(int bound) {
            this.bound = bound;
        }

        @Override
        public void pause() {
            hold(bound, true);
        }

        @Override
        public void resume() {
            hold(bound, false);
        }
    }

    /**
     * {@code bound} holds the socket paused, or no longer; the socket accepts while none does.
     * Netty's auto-read is safe to set from any thread (a resume hands the read to the socket's
     * loop); the lock keeps two bounds' changes from reaching it out of order.
     */
    private synchronized void hold(int bound, boolean paused) {
        pausedBy = paused ? pausedBy | bound : pausedBy & ~bound;
        socket.config().setAutoRead(pausedBy == 0);
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
                budget.closed();
            });
            budget.opened(forConnections);
            admission.accepted(forHandshakes);
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

    /**
     * An accept failed: with the process's open files spent ("Too many open files"), every retry
     * would fail alike, so the socket rests a second, as Netty's own acceptor would, and the log
     * says why once a minute. Not passed on: Netty's acceptor would log each with its stack trace.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        hold(ACCEPT_ERROR, true);
        ctx.executor().schedule(() -> hold(ACCEPT_ERROR, false), ACCEPT_ERROR_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        long unlogged = acceptErrors.logNow(System.nanoTime());
        if (unlogged >= 0) {
            log.warn(
                    "the agents' port cannot accept a connection: {} ({} files open, the limit {}, {} of them agents'"
                            + " connections); accepting again in {} ms{} (expected: fewer agents' connections than"
                            + " bridge.grpc.max-agent-connections leaves room for, see AgentConnectionBudget)",
                    cause.getMessage(),
                    OpenFiles.open(),
                    OpenFiles.limit(),
                    budget.connections(),
                    ACCEPT_ERROR_PAUSE_MILLIS,
                    unlogged > 0 ? " (" + unlogged + " more failed accepts in the last minute)" : "");
        }
    }
}
