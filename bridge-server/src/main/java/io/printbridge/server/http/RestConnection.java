package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One connection of the REST port as {@link RestConnectionLimit} sees it: answering (a request read
 * and its answer not yet written to its end) or idle since a moment. {@link #tracker()} is the
 * handler after the HTTP codec that keeps it: it sees each request come in and each answer's last
 * part go out (an answer of {@code 100 Continue} is not the request's answer).
 *
 * <p>The tracker runs on the connection's event loop; the limit reads the state from any thread, so
 * it is volatile, written by that loop alone.
 */
final class RestConnection {

    /** {@link #idleSinceNanos()} while a request is being answered. */
    static final long ANSWERING = Long.MIN_VALUE;

    private final Channel channel;
    private final LongSupplier nanoClock;
    /** Requests read and not yet answered; several when a client pipelines. Event loop only. */
    private int answering;
    /** Whether the answer being written is an informational one (1xx). Event loop only. */
    private boolean informational;

    private volatile long idleSince;
    /** Whether a request ever came on it: a keep-alive connection rather than a silent one. */
    private volatile boolean carriedARequest;

    RestConnection(Channel channel, LongSupplier nanoClock) {
        this.channel = requireNonNull(channel, "channel");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock");
        this.idleSince = nanoClock.getAsLong();
    }

    /** Since when it has had no request to answer, or {@link #ANSWERING}. */
    long idleSinceNanos() {
        return idleSince;
    }

    /** Whether it ever carried a request (a client's pooled connection), or has been silent since it opened. */
    boolean carriedARequest() {
        return carriedARequest;
    }

    @Nullable
    SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** The client's address without its port (its IP address), or the whole address of another kind. */
    Object clientAddress() {
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return remote == null ? "unknown" : remote;
    }

    void close() {
        channel.close();
    }

    /** The handler to put after the HTTP codec. */
    ChannelHandler tracker() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    answering++;
                    idleSince = ANSWERING;
                    carriedARequest = true;
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof HttpResponse response) {
                    informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                }
                if (msg instanceof LastHttpContent) {
                    if (informational) {
                        informational = false;
                    } else if (answering > 0 && --answering == 0) {
                        idleSince = nanoClock.getAsLong();
                    }
                }
                super.write(ctx, msg, promise);
            }
        };
    }
}
