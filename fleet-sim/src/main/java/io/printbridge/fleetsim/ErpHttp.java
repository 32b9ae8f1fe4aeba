package io.printbridge.fleetsim;

import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFuture;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpClientCodec;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The peak's ERP client: JSON POSTs over HTTP/1.1 keep-alive connections, at most {@code limit}
 * of them, each carrying one request at a time, all on one event loop thread of its own ({@code
 * erp-client}). A request beyond the limit waits its turn in order, and {@link #post} never
 * blocks its caller, so an open-loop sender keeps its schedule; the time a request waits here is
 * part of its latency (measured from its planned send), as it would be in an ERP's own pool.
 *
 * <p>Why not the JDK's {@code HttpClient}: on the two cores the simulator shares with the server,
 * its threads took 0.3 ms of CPU per request (a third of a core at 1,000 jobs a second, more than
 * the server's own HTTP handling), and that CPU was taken from the server being measured. An ERP
 * in production runs on its own machine.
 *
 * <p>Failures keep the JDK client's exception types, which {@link PeakAnswers#ofFailure} sorts: a
 * connection that cannot be made fails the request that was waiting for it with a {@link
 * java.net.ConnectException}, no answer within the timeout is an {@link HttpTimeoutException}
 * (and the connection is closed, as the JDK client does: its answer may still come), and a
 * connection that closes with a request on it is an {@link IOException}.
 *
 * <p>Everything but {@link #post} and {@link #abandonWaiting} runs on the event loop thread:
 * the queue, the idle connections and the count need no lock.
 */
final class ErpHttp implements AutoCloseable {

    /**
     * An answer: its HTTP status, its body as text, and when its request was written to a
     * connection ({@link System#nanoTime}): until then it waited in this client for a free one.
     */
    record Answer(int status, String body, long sentAtNanos) {}

    /** A request given up before it was sent: it cannot have made a job. */
    static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent(String why) {
            super(why, null, false, false);
        }
    }

    private record Pending(String path, String idempotencyKey, byte[] body, CompletableFuture<Answer> answer) {}

    private static final int MAX_ANSWER_BYTES = 1 << 20;

    private static final String LOOPBACK = "127.0.0.1";
    /**
     * Where the ERP dials from when the server is on 127.0.0.1: an address of its own, as from its own
     * machine, so that what the server does per client address sees it apart from a hostile client on
     * 127.0.0.1 ({@code --rest-flood}).
     */
    private static final InetSocketAddress FROM_ITS_OWN_ADDRESS = new InetSocketAddress("127.0.0.2", 0);

    private final EventLoopGroup loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String authorization;
    private final long timeoutNanos;
    private final int limit;

    // Owned by the event loop thread.
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    /** Connections open or being opened, at most the limit. */
    private int connections;
    /** Of those, the ones being opened: each will take a waiting request. */
    private int opening;

    /**
     * @param base the server, {@code http://host:port}
     * @param token the ERP's bearer token
     * @param limit the most requests in flight, and connections open
     * @param timeout how long a sent request may wait for its answer
     */
    ErpHttp(URI base, String token, int limit, Duration timeout) {
        if (limit < 1) {
            throw new IllegalArgumentException("peak-connections: " + limit + " (expected: at least 1)");
        }
        if (base.getHost() == null || base.getPort() < 0) {
            throw new IllegalArgumentException("server: " + base + " (expected: http://host:port)");
        }
        this.host = base.getHost();
        this.port = base.getPort();
        this.hostHeader = host + ":" + port;
        this.authorization = "Bearer " + token;
        this.timeoutNanos = timeout.toNanos();
        this.limit = limit;
        DefaultThreadFactory threads = new DefaultThreadFactory("erp-client", true);
        boolean epoll = Epoll.isAvailable();
        this.loop = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_ANSWER_BYTES))
                                .addLast(new Exchange());
                    }
                });
    }

    /** POSTs {@code json} to {@code path} under {@code idempotencyKey}: sent now if a connection is free, else in turn. */
    CompletableFuture<Answer> post(String path, String idempotencyKey, String json) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Pending pending = new Pending(path, idempotencyKey, json.getBytes(StandardCharsets.UTF_8), answer);
        loop.execute(() -> {
            waiting.add(pending);
            dispatch();
        });
        return answer;
    }

    /**
     * Gives up on the requests still waiting for a connection: they are never sent, and their
     * answers fail with {@link NotSent}. Those already sent end by their own answer or timeout.
     *
     * @return how many were given up
     */
    int abandonWaiting(String why) throws InterruptedException {
        try {
            return loop.submit(() -> {
                        int abandoned = 0;
                        for (Pending pending = waiting.poll(); pending != null; pending = waiting.poll()) {
                            pending.answer().completeExceptionally(new NotSent(why));
                            abandoned++;
                        }
                        return abandoned;
                    })
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ERP client's thread failed", e.getCause());
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sends waiting requests on idle connections, and opens connections up to the limit for the rest. */
    private void dispatch() {
        Channel channel;
        while (!waiting.isEmpty() && (channel = idle.poll()) != null) {
            // A connection closed while idle is counted off by its channelInactive.
            if (channel.isActive()) {
                send(channel, waiting.remove());
            }
        }
        while (waiting.size() > opening && connections < limit) {
            connections++;
            opening++;
            ChannelFuture connecting = host.equals(LOOPBACK)
                    ? bootstrap.connect(new InetSocketAddress(host, port), FROM_ITS_OWN_ADDRESS)
                    : bootstrap.connect(host, port);
            connecting.addListener(done -> connected(connecting, done.cause()));
        }
    }

    private void connected(ChannelFuture connecting, @Nullable Throwable failure) {
        opening--;
        if (failure == null) {
            idle.add(connecting.channel());
        } else {
            connections--;
            // The request this connection was opened for fails, as the JDK client's would.
            Pending first = waiting.poll();
            if (first != null) {
                first.answer().completeExceptionally(failure);
            }
        }
        dispatch();
    }

    private void send(Channel channel, Pending pending) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.POST, pending.path(), Unpooled.wrappedBuffer(pending.body()));
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.AUTHORIZATION, authorization)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set("Idempotency-Key", pending.idempotencyKey())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, pending.body().length);
        channel.pipeline().get(Exchange.class).start(channel, pending);
        channel.writeAndFlush(request);
    }

    /** One connection's request in flight, its deadline, and its answer. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

        private @Nullable Pending current;
        private long currentSentAtNanos;
        private @Nullable ScheduledFuture<?> deadline;

        void start(Channel channel, Pending pending) {
            current = pending;
            currentSentAtNanos = System.nanoTime();
            deadline =
                    channel.eventLoop().schedule(() -> timedOut(channel, pending), timeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void timedOut(Channel channel, Pending pending) {
            if (current == pending) {
                current = null;
                pending.answer()
                        .completeExceptionally(new HttpTimeoutException(
                                "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
                // Its answer may still come: this connection cannot carry another request.
                channel.close();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Pending answered = current;
            finish();
            if (answered == null) {
                return; // an answer nobody waits for any more (after a timeout the connection is closing)
            }
            boolean reusable = HttpUtil.isKeepAlive(response);
            answered.answer()
                    .complete(new Answer(
                            response.status().code(),
                            response.content().toString(StandardCharsets.UTF_8),
                            currentSentAtNanos));
            if (reusable) {
                idle.add(context.channel());
                dispatch();
            } else {
                context.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            Pending lost = current;
            finish();
            if (lost != null) {
                lost.answer().completeExceptionally(new IOException("the connection closed before the answer"));
            }
            connections--;
            idle.remove(context.channel());
            dispatch();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            Pending lost = current;
            finish();
            if (lost != null) {
                lost.answer().completeExceptionally(cause);
            }
            context.close();
        }

        private void finish() {
            current = null;
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
