package io.printbridge.fleetsim;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.printbridge.agent.link.AgentChannels;
import io.printbridge.agent.link.LinkSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What every simulated agent shares: one Netty event loop group (epoll where the platform has it)
 * that carries all the connections, one scheduler for heartbeats and reconnect timers, and one
 * small executor for grpc's offloaded work. The agents own nothing that runs.
 */
final class FleetTransport implements AutoCloseable {

    /** The real agent's keepalive (HTTP/2 pings), so the server sees the same traffic per stream. */
    private static final LinkSettings AGENT_DEFAULTS = LinkSettings.defaults("localhost", 1);

    private final EventLoopGroup eventLoops;
    private final Class<? extends io.grpc.netty.shaded.io.netty.channel.Channel> channelType;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService offload;

    FleetTransport(int eventLoopThreads, int schedulerThreads) {
        DefaultThreadFactory loops = new DefaultThreadFactory("fleet-netty", true);
        if (Epoll.isAvailable()) {
            eventLoops = new EpollEventLoopGroup(eventLoopThreads, loops);
            channelType = EpollSocketChannel.class;
        } else {
            eventLoops = new NioEventLoopGroup(eventLoopThreads, loops);
            channelType = NioSocketChannel.class;
        }
        scheduler = new ScheduledThreadPoolExecutor(schedulerThreads, new DefaultThreadFactory("fleet-timer", true));
        // Twenty thousand heartbeat tasks are cancelled at every restart: cancelled ones leave the queue at once.
        scheduler.setRemoveOnCancelPolicy(true);
        offload = Executors.newFixedThreadPool(2, new DefaultThreadFactory("fleet-offload", true));
    }

    /** The shared timer of heartbeats, acknowledgements and reconnections. */
    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    /** Which Netty transport carries the connections, for the summary. */
    String kind() {
        return channelType.getSimpleName();
    }

    /** A channel to {@code server} presenting the agent's own certificate, set up as the real agent's. */
    ManagedChannel channel(ServerAddress server, SslContext agentTls) {
        NettyChannelBuilder channel = NettyChannelBuilder.forAddress(server.socketAddress())
                .overrideAuthority(server.authority())
                .eventLoopGroup(eventLoops)
                .channelType(channelType);
        return AgentChannels.configure(channel, agentTls, AGENT_DEFAULTS)
                .offloadExecutor(offload)
                .build();
    }

    /** The real agent's reconnect windows. */
    static LinkSettings agentDefaults() {
        return AGENT_DEFAULTS;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        offload.shutdownNow();
    }
}
