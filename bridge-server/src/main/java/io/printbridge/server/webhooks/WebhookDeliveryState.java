package io.printbridge.server.webhooks;

/** Where a webhook delivery is, as {@code webhook_deliveries.state} stores it. */
enum WebhookDeliveryState {
    /** To be tried at {@code next_attempt_at} (first attempt, or a retry). */
    PENDING,
    /** The receiver answered 2xx: done. */
    DELIVERED,
    /** Every attempt failed, or its webhook is no longer configured: kept for the record, never tried again. */
    FAILED
}
