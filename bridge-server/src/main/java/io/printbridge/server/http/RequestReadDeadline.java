package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deadline for reading each request of one HTTP/1.1 connection: its head must be complete
 * within {@code head} of its first byte, and its body within {@code body} of the end of the
 * head; otherwise the connection is closed.
 *
 * <p>Micronaut's idle timeouts start again at every byte read, so a client that sends one byte
 * a second holds a connection, and what it buffered, for as long as it likes; this bounds the
 * whole read. Only reading is bounded: the answer (a {@code ?wait} of up to 60 s, an event
 * stream that lasts hours) is written without a deadline, and a connection idle between two
 * requests is left to the idle timeout (a reverse proxy keeps such connections in its pool).
 *
 * <p>Two handlers share the state: {@link #bytes()}, before the HTTP codec, sees a request start
 * (its first byte); {@link #messages()}, after the codec, sees its head and the end of its body.
 * Both run on the connection's event loop, so the state needs no lock. A pipelined request
 * whose first bytes came with the end of the one before gets its deadline from its next byte.
 */
final class RequestReadDeadline {

    private static final Logger log = LoggerFactory.getLogger(RequestReadDeadline.class);

    private enum State {
        /** No request being read: between requests, or while one is answered. No deadline. */
        IDLE,
        /** A request's first byte came; its head is not complete. */
        HEAD,
        /** Its head is complete; its body is not. */
        BODY
    }

    private final Duration head;
    private final Duration body;
    private State state = State.IDLE;
    private @Nullable ScheduledFuture<?> deadline;

    RequestReadDeadline(Duration head, Duration body) {
        this.head = requireNonNull(head, "head");
        this.body = requireNonNull(body, "body");
    }

    /** The handler to put before the HTTP codec: it sees the bytes as they arrive. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (state == State.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    start(ctx, State.HEAD, head);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                stop();
                super.channelInactive(ctx);
            }
        };
    }

    /** The handler to put after the HTTP codec: it sees each request's head and the end of its body. */
    ChannelHandler messages() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest && !(msg instanceof LastHttpContent)) {
                    // The codec hands over what it had when the connection closes (a head cut
                    // short): a closed connection has nothing left to read.
                    if (ctx.channel().isActive()) {
                        start(ctx, State.BODY, body);
                    }
                } else if (msg instanceof LastHttpContent) {
                    // A whole request (a FullHttpRequest is both) or the end of a body.
                    stop();
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    private void start(ChannelHandlerContext ctx, State reading, Duration within) {
        stop();
        state = reading;
        deadline = ctx.executor().schedule(() -> expire(ctx, reading, within), within.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        state = State.IDLE;
    }

    private void expire(ChannelHandlerContext ctx, State reading, Duration within) {
        if (state != reading) {
            return; // moved on just as the deadline fired
        }
        log.info(
                "closing the REST connection from {}: the request's {} did not arrive within {} (bridge.http.request-{}-timeout)",
                ctx.channel().remoteAddress(),
                reading == State.HEAD ? "head" : "body",
                within,
                reading == State.HEAD ? "head" : "body");
        deadline = null;
        state = State.IDLE;
        ctx.channel().close();
    }
}
