package io.printbridge.server.webhooks;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.printbridge.server.jobs.JobsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the deliveries that are due: claims each row (counting the attempt and leasing the row
 * for the attempt's duration), sends it, and records the outcome: DELIVERED on a 2xx, PENDING
 * again after a backoff, or FAILED once the webhook's attempts are used up.
 *
 * <p>Everything but the HTTP exchange runs on the single webhooks thread: the due rows are looked
 * for every {@link #POLL} and as soon as the outbox records new ones; outcomes come back to that
 * thread too. A delivery whose attempt was cut by a crash is due again when its lease ends.
 */
@Singleton
@Requires(property = "bridge.webhooks")
@Requires(notEnv = "cli")
final class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** How often due retries are looked for: a cheap indexed query. */
    static final Duration POLL = Duration.ofMillis(500);
    /** Attempts under way at once, over all webhooks: a backlog drains at this pace, not all at once. */
    static final int MAX_IN_FLIGHT = 8;
    /** Added to the webhook's timeout for the lease: the attempt has surely ended by then. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    /** How long a stop waits for attempts under way, so their outcome is recorded. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final Webhooks webhooks;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookSender sender;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Duration retention;
    /** Changed on the webhooks thread only; read by {@link #stop} to wait for attempts under way. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    WebhookDispatcher(
            Webhooks webhooks,
            WebhookDeliveryRepository deliveries,
            WebhookSender sender,
            @Named(WebhookBeans.WEBHOOKS) ScheduledExecutorService executor,
            Clock clock,
            JobsConfig jobs) {
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.sender = requireNonNull(sender, "sender");
        this.executor = requireNonNull(executor, "executor");
        this.clock = requireNonNull(clock, "clock");
        // Delivery records are kept as long as the jobs they tell of.
        this.retention = jobs.retention();
    }

    @PostConstruct
    void start() {
        if (webhooks.isEmpty()) {
            return;
        }
        schedules.add(executor.scheduleWithFixedDelay(this::dispatchDue, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        schedules.add(executor.scheduleWithFixedDelay(
                this::purge, PURGE_INTERVAL.toMillis(), PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Starts the attempts that are due, as many as there is room for. Runs on the webhooks thread only. */
    void dispatchDue() {
        try {
            int room = MAX_IN_FLIGHT - inFlight.get();
            if (room <= 0) {
                return;
            }
            Instant now = clock.instant();
            for (WebhookDeliveryRow row : deliveries.findDue(now, room)) {
                webhooks.find(row.webhook())
                        .ifPresentOrElse(webhook -> attempt(webhook, row, now), () -> orphaned(row, now));
            }
        } catch (RuntimeException e) {
            // Escaping, it would end the schedule; the database may be back at the next poll.
            log.warn("webhook deliveries could not be read: {}", e.toString());
        }
    }

    private void attempt(Webhook webhook, WebhookDeliveryRow row, Instant now) {
        Instant leaseUntil = now.plus(webhook.timeout()).plus(LEASE_MARGIN);
        if (deliveries.claim(row.id(), row.attempts(), leaseUntil, now) == 0) {
            return; // started elsewhere since it was read
        }
        int attempt = row.attempts() + 1;
        inFlight.incrementAndGet();
        sender.send(webhook, row)
                .thenAcceptAsync(
                        outcome -> {
                            inFlight.decrementAndGet();
                            record(webhook, row, attempt, outcome);
                        },
                        executor);
    }

    private void record(Webhook webhook, WebhookDeliveryRow row, int attempt, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        try {
            if (outcome.delivered()) {
                deliveries.recordAttempt(
                        row.id(), WebhookDeliveryState.DELIVERED.name(), now, now, outcome.status(), null);
                log.info(
                        "webhook {}: job {} delivered ({} {}, attempt {})",
                        webhook.name(),
                        row.jobId(),
                        row.event(),
                        row.id(),
                        attempt);
            } else if (webhook.retry().givesUpAfter(attempt)) {
                deliveries.recordAttempt(
                        row.id(), WebhookDeliveryState.FAILED.name(), now, now, outcome.status(), outcome.error());
                log.error(
                        "webhook {}: job {} NOT delivered ({} {}): {} attempts failed, the last with {}; kept as FAILED",
                        webhook.name(),
                        row.jobId(),
                        row.event(),
                        row.id(),
                        attempt,
                        outcome.error());
            } else {
                Duration wait = webhook.retry().delayAfter(attempt, ThreadLocalRandom.current());
                deliveries.recordAttempt(
                        row.id(),
                        WebhookDeliveryState.PENDING.name(),
                        now.plus(wait),
                        now,
                        outcome.status(),
                        outcome.error());
                log.warn(
                        "webhook {}: job {} attempt {} of {} failed ({}); next in {} ms",
                        webhook.name(),
                        row.jobId(),
                        attempt,
                        webhook.retry().maxAttempts(),
                        outcome.error(),
                        wait.toMillis());
            }
        } catch (RuntimeException e) {
            // The lease still holds the row: it is tried again when the lease ends.
            log.warn(
                    "webhook {}: outcome of delivery {} could not be recorded: {}",
                    webhook.name(),
                    row.id(),
                    e.toString());
        }
    }

    private void orphaned(WebhookDeliveryRow row, Instant now) {
        String why = "webhook " + row.webhook() + " is no longer configured (bridge.webhooks)";
        deliveries.recordAttempt(row.id(), WebhookDeliveryState.FAILED.name(), now, now, null, why);
        log.warn("delivery {} of job {}: {}; kept as FAILED", row.id(), row.jobId(), why);
    }

    private void purge() {
        try {
            int deleted = deliveries.deleteFinishedBefore(clock.instant().minus(retention));
            if (deleted > 0) {
                log.info("deleted {} webhook delivery record(s) older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            log.warn("old webhook deliveries could not be deleted: {}", e.toString());
        }
    }

    /** Stops looking for due deliveries, and waits a little for attempts under way so their outcome is recorded. */
    @PreDestroy
    void stop() {
        schedules.forEach(s -> s.cancel(false));
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0) {
            log.info("{} webhook attempt(s) still under way at stop: tried again after their lease", inFlight.get());
        }
    }
}
