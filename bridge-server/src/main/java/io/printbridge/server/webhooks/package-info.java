/**
 * Webhooks: when a job reaches a final state (DONE, FAILED, EXPIRED, UNCERTAIN), each configured
 * ERP endpoint ({@code bridge.webhooks.<name>.*}) that wants the job's store gets a signed POST
 * with the job's JSON. Deliveries are rows of {@code webhook_deliveries} before they are tried,
 * so a restart does not lose them; failed attempts are retried with exponential backoff and
 * jitter, and a delivery that never succeeds is kept as FAILED.
 *
 * <p>Roles: {@link io.printbridge.server.webhooks.WebhookOutbox} records what must be sent,
 * {@link io.printbridge.server.webhooks.WebhookDispatcher} decides when to try,
 * {@link io.printbridge.server.webhooks.WebhookSender} makes one HTTP attempt.
 */
@NullMarked
package io.printbridge.server.webhooks;

import org.jspecify.annotations.NullMarked;
