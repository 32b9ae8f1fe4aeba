package io.printbridge.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answer of a REST port holding its bound with every connection answering a request ({@link
 * RestConnectionLimit}): {@code 503} with {@code Retry-After: 1} and the API's {@code SERVER_BUSY}
 * error, written as the connection opens, before the HTTP codec, which never sees it. A health check
 * or a scrape that comes then gets it too (a balancer may take the busy server for a dead one while
 * it lasts): serving them past the bound needs their request read first, which, tried, held refused
 * connections longer on a server already behind.
 *
 * <p>The answer goes out first, then the connection's sending side is shut, and what the client sends
 * is read and dropped until the client closes (a client reading {@code Connection: close} does so
 * within a round trip) or for at most {@value #LINGER_MILLIS} ms: closing at once with its request
 * unread would make the kernel reset the connection, and a reset makes the client drop the answer it
 * had not read yet. While {@value #MAX_LINGERING} such connections linger, the port accepts no more
 * (the next wait in the kernel's queue, which costs no file), so a client opening connections as
 * fast as it can and never closing them holds a bounded number of open files, and every refused
 * connection still gets its answer. (Closing the ones past that bound without an answer, as a first
 * version did, failed 2,000 of an ERP's 2,500 new connections in a burst against a full port.)
 */
final class FullPortAnswer {

    static final long LINGER_MILLIS = 500;
    static final int MAX_LINGERING = 256;

    private static final byte[] ANSWER = answer();

    private final int maxLingering;
    private final AtomicInteger lingering = new AtomicInteger();
    /** The REST port's listening sockets, told to stop accepting while {@link #maxLingering} linger. */
    private final Set<Channel> listeners = ConcurrentHashMap.newKeySet();
    /** Whether they were told to stop; guarded by this. */
    private boolean paused;

    FullPortAnswer() {
        this(MAX_LINGERING);
    }

    FullPortAnswer(int maxLingering) {
        this.maxLingering = maxLingering;
    }

    /** A listening socket of the REST port, to pause while too many refused connections linger. */
    void listenOn(Channel listener) {
        listeners.add(listener);
        listener.closeFuture().addListener(closed -> listeners.remove(listener));
        adjustAccepting();
    }

    /** Refused connections lingering now. */
    int lingering() {
        return lingering.get();
    }

    private static byte[] answer() {
        String body = "{\"error\":{\"code\":\"SERVER_BUSY\",\"message\":\"the server's REST port holds as many"
                + " connections as it may, every one answering a request or in use by its client (expected: retry after Retry-After)\"}}";
        String head = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Retry-After: 1\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Pauses the listening sockets at the bound on lingering connections, resumes them below it. */
    private synchronized void adjustAccepting() {
        boolean full = lingering.get() >= maxLingering;
        if (full != paused) {
            paused = full;
            for (Channel listener : listeners) {
                listener.config().setAutoRead(!full);
            }
        }
    }

    /** The handler to put first in a refused connection's pipeline (one per connection). */
    ChannelHandler handler() {
        return new Refused();
    }

    /** One refused connection: answered 503 as it opens, its request read and dropped until it closes. */
    private final class Refused extends ChannelInboundHandlerAdapter {

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            // Every refused connection gets its answer; at the bound on lingering ones the port stops
            // accepting instead (the next wait in the kernel's queue, costing no file) until some end.
            // A few past the bound (the rest of the batch being accepted) linger too.
            lingering.incrementAndGet();
            adjustAccepting();
            ctx.channel().closeFuture().addListener(closed -> {
                lingering.decrementAndGet();
                adjustAccepting();
            });
            ctx.executor().schedule(() -> ctx.channel().close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            // Written at once, not after the request is read: on a server whose loops are behind,
            // waiting for each refused request to be read held the refused connections (and the
            // port, paused at the bound on them) longer, and the ERP's 1,000 jobs a second over
            // 3,000 connections saw a quarter as many DONE. From this (the first) handler's context
            // the bytes go straight to the socket.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ANSWER)).addListener((ChannelFutureListener) written -> {
                if (!written.isSuccess()) {
                    written.channel().close();
                } else if (written.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg); // the request of a refused connection: dropped
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().close(); // a client that reset the connection it was refused: nothing to report
        }
    }
}
