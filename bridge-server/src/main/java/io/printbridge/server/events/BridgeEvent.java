package io.printbridge.server.events;

import io.printbridge.server.jobs.Job;
import java.time.Instant;

/** Something that happened, as live views and webhooks see it. */
public sealed interface BridgeEvent {

    /** The store the event concerns: subscribers only ever see their own stores' events. */
    String storeId();

    Instant at();

    /** A job was created or changed state. */
    record JobChanged(Job job, Instant at) implements BridgeEvent {
        @Override
        public String storeId() {
            return job.storeId();
        }
    }

    /** A store's agent connected or disconnected, or one of its printers changed status. */
    record StoreChanged(String storeId, boolean online, String detail, Instant at) implements BridgeEvent {}
}
