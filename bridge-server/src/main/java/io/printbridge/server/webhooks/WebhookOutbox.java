package io.printbridge.server.webhooks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.ids.TimeOrderedIds;
import io.printbridge.server.jobs.FinalStateDeliveries;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.live.JobSummary;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks' outbox: for each webhook that wants a job that just became final, a PENDING row
 * in {@code webhook_deliveries}, written by the job writer in the same transaction as the final
 * state ({@link FinalStateDeliveries}), so a crash can never keep the state and lose the message.
 * Once the state is committed and announced, the dispatcher is woken to send it.
 */
@Context
@Requires(property = "bridge.webhooks")
@Requires(notEnv = "cli") // administration commands share the context; they send nothing
final class WebhookOutbox implements FinalStateDeliveries {

    static final String JOB_FINAL = "job.final";

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private final Webhooks webhooks;
    private final WebhookDispatcher dispatcher;
    private final ScheduledExecutorService executor;
    private final ObjectMapper json;
    private final AutoCloseable subscription;

    WebhookOutbox(
            BridgeEvents events,
            Webhooks webhooks,
            WebhookDispatcher dispatcher,
            @Named(WebhookBeans.WEBHOOKS) ScheduledExecutorService executor,
            ObjectMapper json) {
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.executor = requireNonNull(executor, "executor");
        this.json = requireNonNull(json, "json");
        this.subscription = events.subscribe(this::onEvent);
    }

    /** On the job writer's thread, inside its transaction: computes the rows, writes nothing itself. */
    @Override
    public List<Delivery> deliveriesFor(Job job, Instant now) {
        List<Webhook> targets = webhooks.forStore(job.storeId());
        if (targets.isEmpty()) {
            return List.of();
        }
        String body;
        try {
            body = json.writeValueAsString(JobSummary.of(job));
        } catch (JsonProcessingException e) {
            // The job's final state matters more than the message about it: store the state.
            log.error(
                    "job {} ended {} but its webhook body could not be written: {}; no webhook sent for it",
                    job.id(),
                    job.state(),
                    e.toString());
            return List.of();
        }
        return targets.stream()
                .map(w -> new Delivery(TimeOrderedIds.next(), w.name(), JOB_FINAL, body))
                .toList();
    }

    /** The final state is committed and its deliveries with it: send them now rather than at the next poll. */
    private void onEvent(BridgeEvent event) {
        if (!(event instanceof BridgeEvent.JobChanged changed)
                || !changed.job().state().isFinal()
                || webhooks.forStore(changed.job().storeId()).isEmpty()) {
            return;
        }
        try {
            executor.execute(dispatcher::dispatchDue);
        } catch (RejectedExecutionException e) {
            log.debug(
                    "server stopping: job {}'s webhook waits for the next start",
                    changed.job().id());
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
