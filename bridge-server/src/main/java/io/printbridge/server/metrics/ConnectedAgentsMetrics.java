package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.streams.AgentStreams;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * {@code bridge.agents.connected}: how many stores have a live agent stream right now, read from
 * the {@link AgentStreams} at each scrape (nothing to keep in step). The streams are looked up at
 * the first scrape, not when the meter registry is built: they depend on the database, whose pool
 * registers meters of its own, which would make a cycle.
 */
@Singleton
@Requires(notEnv = "cli")
final class ConnectedAgentsMetrics implements MeterBinder {

    static final String NAME = "bridge.agents.connected";

    private final Provider<AgentStreams> agents;

    ConnectedAgentsMetrics(Provider<AgentStreams> agents) {
        this.agents = requireNonNull(agents, "agents");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // The supplier form holds the registry strongly; the singleton lives as long as the server.
        Gauge.builder(NAME, () -> agents.get().connected())
                .description("Stores whose agent is connected now")
                .register(registry);
    }
}
