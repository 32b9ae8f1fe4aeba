package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.printbridge.server.streams.AgentRegistry;
import jakarta.inject.Singleton;

/**
 * {@code bridge.agents.connected}: how many stores have a live agent stream right now, read from
 * the {@link AgentRegistry} at each scrape (nothing to keep in step).
 */
@Singleton
final class ConnectedAgentsMetrics implements MeterBinder {

    static final String NAME = "bridge.agents.connected";

    private final AgentRegistry agents;

    ConnectedAgentsMetrics(AgentRegistry agents) {
        this.agents = requireNonNull(agents, "agents");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // The supplier form holds the registry strongly; the singleton lives as long as the server.
        Gauge.builder(NAME, () -> agents.all().size())
                .description("Stores whose agent is connected now")
                .register(registry);
    }
}
