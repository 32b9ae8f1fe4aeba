package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agents' port's own event loops and listening socket, given to grpc instead of its shared
 * defaults for one reason: to put an {@link AcceptLimiter} first in the listening socket's
 * pipeline, which grpc's builder offers no other way to do. The same shape as grpc's defaults:
 * epoll where Linux has it (NIO elsewhere, a Windows development PC), one thread accepting and two
 * per core for the connections. The server owns them, so it shuts them down after grpc has stopped.
 */
final class AgentEventLoops implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private final EventLoopGroup accepting;
    private final EventLoopGroup connections;
    private final boolean epoll;

    AgentEventLoops() {
        epoll = Epoll.isAvailable();
        Supplier<IoHandlerFactory> io = epoll ? EpollIoHandler::newFactory : NioIoHandler::newFactory;
        accepting = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("agents-accept", true), io.get());
        connections = new MultiThreadIoEventLoopGroup(
                2 * Runtime.getRuntime().availableProcessors(), new DefaultThreadFactory("agents-io", true), io.get());
    }

    /**
     * {@code builder} runs on these loops, each listening socket with an {@link AcceptLimiter}
     * counting for {@code admission}, {@code budget} and {@code perAddress}.
     */
    NettyServerBuilder apply(
            NettyServerBuilder builder,
            HandshakeAdmission admission,
            AgentConnectionBudget budget,
            UnauthenticatedConnections perAddress) {
        requireNonNull(admission, "admission");
        requireNonNull(budget, "budget");
        requireNonNull(perAddress, "perAddress");
        return builder.bossEventLoopGroup(accepting)
                .workerEventLoopGroup(connections)
                .channelFactory(() -> {
                    ServerChannel socket = epoll ? new EpollServerSocketChannel() : new NioServerSocketChannel();
                    // Before grpc's acceptor, which ServerBootstrap adds when the socket registers.
                    socket.pipeline().addLast(new AcceptLimiter(admission, budget, perAddress, socket));
                    return socket;
                });
    }

    /** After grpc has stopped: the loops end, waiting up to {@link #GRACE} each for what they still run. */
    @Override
    public void close() {
        accepting.shutdownGracefully(0, GRACE.toMillis(), TimeUnit.MILLISECONDS);
        connections.shutdownGracefully(0, GRACE.toMillis(), TimeUnit.MILLISECONDS);
        accepting.terminationFuture().awaitUninterruptibly(GRACE.toMillis());
        connections.terminationFuture().awaitUninterruptibly(GRACE.toMillis());
    }
}
