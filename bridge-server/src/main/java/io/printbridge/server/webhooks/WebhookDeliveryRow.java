package io.printbridge.server.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code webhook_deliveries}: one event of one job for one webhook, with the body as it
 * is sent on every attempt (the job when it became final).
 *
 * @param id sent as {@code X-Printbridge-Delivery}; the same on every attempt, so a receiver can
 *     tell a retry from a new delivery
 * @param webhook the endpoint's name under {@code bridge.webhooks}
 * @param attempts attempts started so far
 * @param nextAttemptAt when it is next due; while an attempt is under way, the end of its lease
 * @param lastStatus the HTTP status of the last attempt, if one came back
 * @param lastError why the last attempt failed
 */
@MappedEntity("webhook_deliveries")
record WebhookDeliveryRow(
        @Id String id,
        String webhook,
        String event,
        String jobId,
        String storeId,
        String body,
        WebhookDeliveryState state,
        int attempts,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError) {}
