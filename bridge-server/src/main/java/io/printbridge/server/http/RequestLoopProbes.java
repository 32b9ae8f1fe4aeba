package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import jakarta.inject.Singleton;
import org.jspecify.annotations.Nullable;

/**
 * Puts {@link RequestLoopLag}'s probes on the event loops of the REST port, found from its first
 * connection (the loops that read the requests, whichever group Micronaut gave the port), and a
 * {@link ReadBacklogStamp} after the HTTP codec of every connection.
 */
@Singleton
final class RequestLoopProbes implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final RequestLoopLag lag;

    RequestLoopProbes(RequestLoopLag lag) {
        this.lag = requireNonNull(lag, "lag");
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new PerConnection(lag, new ReadBacklogStamp(lag), null));
        return registry;
    }

    /** Unbound at first; Micronaut asks it for one bound to each new connection. */
    private record PerConnection(
            RequestLoopLag lag,
            ReadBacklogStamp stamp,
            @Nullable Channel connection) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            if (role != ChannelRole.CONNECTION) {
                return this;
            }
            lag.watch(channel.eventLoop().parent());
            return new PerConnection(lag, stamp, channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (connection == null) {
                return;
            }
            ChannelPipeline pipeline = connection.pipeline();
            // Only an HTTP/1.1 pipeline has this codec (see ReadDeadlineInstaller).
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, "bridge-read-backlog", stamp);
            }
        }
    }
}
