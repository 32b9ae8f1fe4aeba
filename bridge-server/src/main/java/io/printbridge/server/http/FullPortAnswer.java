package io.printbridge.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answer of a REST port holding its bound with every connection answering a request ({@link
 * RestConnectionLimit}): {@code 503} with {@code Retry-After: 1} and the API's {@code SERVER_BUSY}
 * error, written as the connection opens, before the HTTP codec, which never sees it.
 *
 * <p>The answer goes out first, then the connection's sending side is shut, and what the client sends
 * is read and dropped for at most {@value #LINGER_MILLIS} ms before the connection closes: closing at
 * once with its request unread would make the kernel reset the connection, and a reset makes the
 * client drop the answer it had not read yet. At most {@value #MAX_LINGERING} such connections linger
 * at once, so a client opening connections as fast as it can does not hold open files through them;
 * past that, a refused connection is closed without an answer.
 */
@ChannelHandler.Sharable
final class FullPortAnswer extends ChannelInboundHandlerAdapter {

    static final long LINGER_MILLIS = 2_000;
    static final int MAX_LINGERING = 64;

    private static final byte[] ANSWER = answer();

    private final AtomicInteger lingering = new AtomicInteger();

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

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (lingering.incrementAndGet() > MAX_LINGERING) {
            lingering.decrementAndGet();
            ctx.channel().close();
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> lingering.decrementAndGet());
        ctx.executor().schedule(() -> ctx.channel().close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        // From this (the first) handler's context the bytes go straight to the socket.
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
