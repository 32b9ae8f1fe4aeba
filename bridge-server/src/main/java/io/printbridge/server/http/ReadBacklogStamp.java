package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.TimeUnit;

/**
 * Writes into each request, as it is read, how long it waited to be read if its connection's loop
 * was behind at that moment ({@link RequestLoopLag#BACKLOG_HEADER}, in milliseconds, absent when it
 * kept up), the way a proxy stamps {@code X-Request-Start}. Judged when the request is read, not
 * when the API looks: a request read in time is not refused because its own handling (a cold
 * server's first requests, an invoice rendered) held its loop since. A header of that name sent by
 * a client is removed: only the server says how long its requests waited.
 */
@ChannelHandler.Sharable
final class ReadBacklogStamp extends ChannelInboundHandlerAdapter {

    private final RequestLoopLag lag;

    ReadBacklogStamp(RequestLoopLag lag) {
        this.lag = requireNonNull(lag, "lag");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            request.headers().remove(RequestLoopLag.BACKLOG_HEADER);
            long wait = lag.readWaitNanos(ctx.channel().eventLoop());
            if (wait > 0) {
                request.headers().set(RequestLoopLag.BACKLOG_HEADER, TimeUnit.NANOSECONDS.toMillis(wait));
            }
        }
        super.channelRead(ctx, msg);
    }
}
