package io.printbridge.server.attendance;

import java.util.List;

/**
 * Webhook messages about attendance, recorded in the same transaction as what they tell (the
 * punches stored, a clock's change), so a crash cannot keep one and lose the other. Implemented by
 * the webhooks; with none configured, nothing is recorded.
 */
public interface AttendanceDeliveries {

    /** One message to record as PENDING. */
    record Delivery(String id, String webhook, String event, String body) {}

    /** The messages for {@code event} of {@code storeId} with this JSON body; empty when nobody wants it. */
    List<Delivery> deliveriesFor(String storeId, String event, String body);

    /** The SQL that records one, bound as (id, webhook, event, subject id, store id, body, now, now, now). */
    String INSERT = "INSERT INTO webhook_deliveries (id, webhook, event, job_id, store_id, body, state, attempts,"
            + " next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";
}
