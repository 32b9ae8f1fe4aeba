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
 * Puts a {@link RequestReadDeadline} around the HTTP codec of every connection of the REST port,
 * through Micronaut's {@link NettyServerCustomizer} registry (called for each new connection once
 * its HTTP pipeline is built).
 */
@Singleton
final class ReadDeadlineInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final String CODEC = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;

    private final HttpReadConfig config;

    ReadDeadlineInstaller(HttpReadConfig config) {
        this.config = requireNonNull(config, "config");
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new PerConnection(config, null));
        return registry;
    }

    /** Unbound at first; Micronaut asks it for one bound to each new connection. */
    private record PerConnection(
            HttpReadConfig config, @Nullable Channel connection) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(config, channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (connection == null) {
                return;
            }
            ChannelPipeline pipeline = connection.pipeline();
            // The REST port speaks HTTP/1.1 (no TLS, no h2c): its pipeline has this codec. An
            // HTTP/2 pipeline, were it ever enabled, has not, and would get no deadline.
            if (pipeline.get(CODEC) == null) {
                return;
            }
            RequestReadDeadline deadline =
                    new RequestReadDeadline(config.requestHeadTimeout(), config.requestBodyTimeout());
            pipeline.addBefore(CODEC, "bridge-request-bytes", deadline.bytes());
            pipeline.addAfter(CODEC, "bridge-request-messages", deadline.messages());
        }
    }
}
