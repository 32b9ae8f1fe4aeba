package io.printbridge.fleetsim;

import io.grpc.Attributes;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
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

    /** Linux routes the whole of 127.0.0.0/8 to the loopback; other systems only 127.0.0.1. */
    private static final boolean OWN_LOOPBACK_ADDRESSES =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

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

    /**
     * A channel to {@code server} presenting the agent's own certificate, set up as the real agent's.
     * On Linux, to a server on the loopback, agent {@code number} dials from a loopback address of its
     * own ({@link #sourceAddress}), as each shop dials from its own: the server bounds connections
     * per address (UnauthenticatedConnections), and a fleet from 127.0.0.1 alone would be one shop.
     */
    ManagedChannel channel(ServerAddress server, SslContext agentTls, int number) {
        NettyChannelBuilder channel = NettyChannelBuilder.forAddress(server.socketAddress())
                .overrideAuthority(server.authority())
                .eventLoopGroup(eventLoops)
                .channelType(channelType);
        if (OWN_LOOPBACK_ADDRESSES && server.socketAddress().getAddress().isLoopbackAddress()) {
            InetSocketAddress source = new InetSocketAddress(sourceAddress(number), 0);
            channel.localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                @Override
                public SocketAddress createSocketAddress(SocketAddress remote, Attributes attributes) {
                    return source;
                }
            });
        }
        return AgentChannels.configure(channel, agentTls, AGENT_DEFAULTS)
                .offloadExecutor(offload)
                .build();
    }

    /**
     * Agent {@code number}'s address: 127.1.0.1, 127.1.0.2... 127.1.0.254, 127.1.1.1... (no .0 or
     * .255 host byte), one per agent for the first sixteen million.
     */
    static InetAddress sourceAddress(int number) {
        int n = Math.max(number, 1) - 1;
        byte[] address = {127, (byte) (1 + n / (254 * 256) % 254), (byte) (n / 254 % 256), (byte) (1 + n % 254)};
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
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
