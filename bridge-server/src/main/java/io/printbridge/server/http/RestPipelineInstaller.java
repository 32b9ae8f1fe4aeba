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
 * What the server adds to every connection of the REST port, through Micronaut's {@link
 * NettyServerCustomizer} registry (called for each new connection once its HTTP pipeline is
 * built): its admission by the {@link RestConnectionLimit} (a refused one gets the {@link
 * FullPortAnswer} and nothing else), a {@link RequestReadDeadline} around the HTTP codec, and a
 * {@link ReadBacklogStamp} and the connection's {@link RestConnection#tracker()} after it. The
 * first connection also puts {@link RequestLoopLag}'s probes on the port's event loops (the loops
 * that read the requests, whichever group Micronaut gave the port); the listening sockets are given
 * to the {@link FullPortAnswer}, which pauses them while too many refused connections linger.
 */
@Singleton
final class RestPipelineInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String CODEC = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;

    private final HttpReadConfig config;
    private final RequestLoopLag lag;
    private final ReadBacklogStamp stamp;
    private final RestConnectionLimit limit;
    private final FullPortAnswer fullPortAnswer = new FullPortAnswer();

    RestPipelineInstaller(HttpReadConfig config, RequestLoopLag lag, RestConnectionLimit limit) {
        this.config = requireNonNull(config, "config");
        this.lag = requireNonNull(lag, "lag");
        this.stamp = new ReadBacklogStamp(lag);
        this.limit = requireNonNull(limit, "limit");
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new PerConnection(null));
        return registry;
    }

    /** Unbound at first; Micronaut asks it for one bound to each new connection. */
    private final class PerConnection implements NettyServerCustomizer {

        private final @Nullable Channel connection;

        PerConnection(@Nullable Channel connection) {
            this.connection = connection;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            if (role == ChannelRole.LISTENER) {
                fullPortAnswer.listenOn(channel);
                return this;
            }
            if (role != ChannelRole.CONNECTION) {
                return this;
            }
            lag.watch(channel.eventLoop().parent());
            return new PerConnection(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (connection == null) {
                return;
            }
            ChannelPipeline pipeline = connection.pipeline();
            // The REST port speaks HTTP/1.1 (no TLS, no h2c): its pipeline has this codec. An
            // HTTP/2 pipeline, were it ever enabled, has not, and would get neither handler.
            if (pipeline.get(CODEC) == null) {
                return;
            }
            RestConnection admitted = limit.admit(connection);
            if (admitted == null) {
                pipeline.addFirst("bridge-port-full", fullPortAnswer.handler());
                return;
            }
            RequestReadDeadline deadline =
                    new RequestReadDeadline(config.requestHeadTimeout(), config.requestBodyTimeout());
            pipeline.addBefore(CODEC, "bridge-request-bytes", deadline.bytes());
            pipeline.addAfter(CODEC, "bridge-request-messages", deadline.messages());
            pipeline.addAfter(CODEC, "bridge-read-backlog", stamp);
            // Next to the codec, so that it sees every answer's last part leave, whichever handler wrote it.
            pipeline.addAfter(CODEC, "bridge-connection-use", admitted.tracker());
        }
    }
}
