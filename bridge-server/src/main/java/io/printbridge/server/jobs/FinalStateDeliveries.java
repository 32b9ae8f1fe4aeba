package io.printbridge.server.jobs;

import java.time.Instant;
import java.util.List;

/**
 * Messages to send about a job that has just become final (webhooks), recorded in the same
 * transaction as the final state itself: if the state is stored, so is every message about it,
 * and a crash between the two cannot lose one. Called on the job writer's thread, for each change
 * that moves a job into a final state; it must only compute, never block.
 */
public interface FinalStateDeliveries {

    /** One message to record as PENDING for its sender. */
    record Delivery(String id, String webhook, String event, String body) {}

    /** The messages to record for {@code job}, now final, at {@code now}; empty when nobody wants it. */
    List<Delivery> deliveriesFor(Job job, Instant now);
}
