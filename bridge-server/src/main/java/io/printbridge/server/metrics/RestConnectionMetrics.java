package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.http.RestConnectionLimit;
import jakarta.inject.Singleton;

/**
 * The REST port's connections against their bound, read from the {@link RestConnectionLimit} at each
 * scrape: {@code bridge.http.connections.open}, {@code .answering} (those with a request in hand: the
 * others may give way) and {@code .max}, and two counters of what the bound
 * did: {@code .idle.closed} (an idle connection closed to take a new one: clients keeping more idle
 * connections than the bound, harmless) and {@code .refused} (a new connection answered 503 because
 * every one held was answering a request: alert on it).
 */
@Singleton
@Requires(notEnv = "cli")
final class RestConnectionMetrics implements MeterBinder {

    static final String PREFIX = "bridge.http.connections";

    private final RestConnectionLimit limit;

    RestConnectionMetrics(RestConnectionLimit limit) {
        this.limit = requireNonNull(limit, "limit");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + ".open", limit, RestConnectionLimit::connections)
                .description("Connections of the REST port open now")
                .register(registry);
        Gauge.builder(PREFIX + ".answering", limit, RestConnectionLimit::answering)
                .description("Connections of the REST port answering a request now (?wait, event streams included)")
                .register(registry);
        Gauge.builder(PREFIX + ".max", limit, RestConnectionLimit::maxConnections)
                .description("The most connections the REST port holds at once (bridge.http.max-connections, or half"
                        + " the open files the agents' port leaves)")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".idle.closed", limit, RestConnectionLimit::idleClosed)
                .description("Idle REST connections closed to take a new one at the bound")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".refused", limit, RestConnectionLimit::refused)
                .description("REST connections answered 503 at the bound, every connection held answering a request")
                .register(registry);
    }
}
