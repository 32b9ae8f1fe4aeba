package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.jobs.Job;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bridge.jobs.finished{state,type}}: jobs that reached a final state (DONE, FAILED, EXPIRED,
 * UNCERTAIN), counted from the {@link BridgeEvents} bus. A rising FAILED or UNCERTAIN rate is the
 * thing to alert on; the store a job was for is left out on purpose (see the package).
 *
 * <p>Created with the server ({@code @Context}), not at the first scrape: a job that ends before
 * anyone scrapes must still be counted.
 */
@Context
@Requires(beans = MeterRegistry.class)
final class JobOutcomeMetrics {

    static final String NAME = "bridge.jobs.finished";

    private static final Logger log = LoggerFactory.getLogger(JobOutcomeMetrics.class);

    private final MeterRegistry registry;
    private final AutoCloseable subscription;

    JobOutcomeMetrics(BridgeEvents events, MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
        this.subscription = events.subscribe(this::onEvent);
    }

    private void onEvent(BridgeEvent event) {
        // Runs in the publisher's thread: a counter increment, nothing that blocks.
        if (event instanceof BridgeEvent.JobChanged changed
                && changed.job().state().isFinal()) {
            Job job = changed.job();
            Counter.builder(NAME)
                    .description("Jobs that reached a final state")
                    .tag("state", job.state().name())
                    .tag("type", job.type().wireName())
                    .register(registry)
                    .increment();
        }
    }

    @PreDestroy
    void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribing job metrics: {}", e.toString());
        }
    }
}
