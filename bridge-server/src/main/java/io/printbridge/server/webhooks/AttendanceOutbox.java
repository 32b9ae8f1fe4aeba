package io.printbridge.server.webhooks;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.printbridge.server.attendance.AttendanceDeliveries;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks' outbox for attendance: a PENDING row per webhook that chose the event ({@code
 * attendance.recorded}, {@code clock.status}, {@code clock.drift}), written in the transaction of
 * what it tells; the dispatcher is woken once that is committed.
 */
@Singleton
@Requires(property = "bridge.webhooks")
@Requires(notEnv = "cli")
final class AttendanceOutbox implements AttendanceDeliveries {

    private static final Logger log = LoggerFactory.getLogger(AttendanceOutbox.class);

    private final Webhooks webhooks;
    private final WebhookDispatcher dispatcher;
    private final ScheduledExecutorService executor;
    private final AutoCloseable subscription;

    AttendanceOutbox(
            BridgeEvents events,
            Webhooks webhooks,
            WebhookDispatcher dispatcher,
            @Named(WebhookBeans.WEBHOOKS) ScheduledExecutorService executor) {
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.executor = requireNonNull(executor, "executor");
        this.subscription = events.subscribe(this::onEvent);
    }

    @Override
    public List<Delivery> deliveriesFor(String storeId, String event, String body) {
        return webhooks.forEvent(storeId, event).stream()
                .map(w -> new Delivery(TimeOrderedIds.next(), w.name(), event, body))
                .toList();
    }

    private void onEvent(BridgeEvent event) {
        String name;
        if (event instanceof BridgeEvent.AttendanceRecorded) {
            name = "attendance.recorded";
        } else if (event instanceof BridgeEvent.ClockChanged changed) {
            name = changed.event();
        } else {
            return;
        }
        if (webhooks.forEvent(event.storeId(), name).isEmpty()) {
            return;
        }
        try {
            executor.execute(dispatcher::dispatchDue);
        } catch (RejectedExecutionException e) {
            log.debug("server stopping: {} webhook waits for the next start", name);
        }
    }

    @PreDestroy
    void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribing attendance webhooks: {}", e.toString());
        }
    }
}
