package io.printbridge.server.webhooks;

import io.printbridge.server.ids.TimeOrderedIds;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.live.JobSummary;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a delivery in {@code webhook_deliveries} for each webhook that wants a job that just
 * became final, then wakes the dispatcher. Created with the server, so no job that ends is
 * missed; the rows are written on the webhooks' own thread, never on the publisher's.
 */
@Context
@Requires(property = "bridge.webhooks")
@Requires(notEnv = "cli") // administration commands share the context; they send nothing
final class WebhookOutbox {

    static final String JOB_FINAL = "job.final";

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private final Webhooks webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookDispatcher dispatcher;
    private final ScheduledExecutorService executor;
    private final ObjectMapper json;
    private final Clock clock;
    private final AutoCloseable subscription;

    WebhookOutbox(BridgeEvents events, Webhooks webhooks, WebhookDeliveryRepository deliveries, WebhookDispatcher dispatcher,
            @Named(WebhookBeans.WEBHOOKS) ScheduledExecutorService executor, ObjectMapper json, Clock clock) {
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.executor = requireNonNull(executor, "executor");
        this.json = requireNonNull(json, "json");
        this.clock = requireNonNull(clock, "clock");
        this.subscription = events.subscribe(this::onEvent);
    }

    /** In the publisher's thread: picks the webhooks and hands the work over, nothing more. */
    private void onEvent(BridgeEvent event) {
        if (!(event instanceof BridgeEvent.JobChanged changed) || !changed.job().state().isFinal()) {
            return;
        }
        Job job = changed.job();
        List<Webhook> targets = webhooks.forStore(job.storeId());
        if (targets.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> record(job, targets));
        } catch (RejectedExecutionException e) {
            log.warn("job {} ended {} while the server is stopping: no webhook sent for it", job.id(), job.state());
        }
    }

    private void record(Job job, List<Webhook> targets) {
        try {
            String body = json.writeValueAsString(JobSummary.of(job));
            Instant now = clock.instant();
            for (Webhook webhook : targets) {
                if (deliveries.existsByWebhookAndJobIdAndEvent(webhook.name(), job.id(), JOB_FINAL)) {
                    continue; // the same final state seen twice is sent once
                }
                deliveries.save(new WebhookDeliveryRow(TimeOrderedIds.next(), webhook.name(), JOB_FINAL, job.id(),
                        job.storeId(), body, WebhookDeliveryState.PENDING, 0, now, now, now, null, null));
            }
            dispatcher.dispatchDue();
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("job {} ended {} but its webhook deliveries could not be recorded: {}", job.id(), job.state(), e.toString());
        }
    }

    @PreDestroy
    void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribing webhooks: {}", e.toString());
        }
    }
}
