package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.grpc.AgentConnectionBudget;
import jakarta.inject.Singleton;

/**
 * The agents' port's connections against its bound, read from the {@link AgentConnectionBudget} at
 * each scrape:
 *
 * <ul>
 *   <li>{@code bridge.agents.connections.open}: connections open now, with or without a certificate
 *       (above {@code bridge.agents.connected}, the streams, by those still in their handshake);
 *   <li>{@code bridge.agents.connections.max}: the bound (the open-file limit less the reserve, or
 *       {@code bridge.grpc.max-agent-connections}); absent where there is none;
 *   <li>{@code bridge.agents.connections.full} (1 while the port accepts nothing at its bound) and
 *       the counter {@code bridge.agents.connections.full.times}: a fleet larger than the server
 *       holds, its last shops waiting in the kernel; alert on it (raise the limit, or add a server).
 * </ul>
 */
@Singleton
@Requires(notEnv = "cli")
final class AgentConnectionMetrics implements MeterBinder {

    static final String PREFIX = "bridge.agents.connections";

    private final AgentConnectionBudget budget;

    AgentConnectionMetrics(AgentConnectionBudget budget) {
        this.budget = requireNonNull(budget, "budget");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + ".open", budget, AgentConnectionBudget::connections)
                .description("Connections of the agents' port open now, with or without a certificate")
                .register(registry);
        if (budget.maxConnections() != AgentConnectionBudget.UNBOUNDED) {
            Gauge.builder(PREFIX + ".max", budget, AgentConnectionBudget::maxConnections)
                    .description("The most connections the agents' port holds at once (open-file limit less the"
                            + " reserve, or bridge.grpc.max-agent-connections)")
                    .register(registry);
        }
        Gauge.builder(PREFIX + ".full", budget, b -> b.full() ? 1 : 0)
                .description("1 while the agents' port accepts no connection: it holds its bound, new agents wait"
                        + " in the kernel")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".full.times", budget, AgentConnectionBudget::fullTimes)
                .description("Times the agents' port stopped accepting at its bound on connections")
                .register(registry);
    }
}
