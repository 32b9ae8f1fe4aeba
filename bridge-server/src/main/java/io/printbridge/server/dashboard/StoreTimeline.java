package io.printbridge.server.dashboard;

import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store's recent connections, disconnections and printer status changes, as this server saw
 * them since it started (the database keeps only the latest state, not its history): the last
 * {@link #PER_STORE} per store, newest first. Events only come for stores whose agent connected,
 * so the map is as large as the fleet.
 */
@Singleton
final class StoreTimeline {

    static final int PER_STORE = 50;

    /** One change: online or not after it, and what happened ("agent connected", "printer receipt: paper out"). */
    record Entry(Instant at, boolean online, String detail) {}

    private final Map<String, Deque<Entry>> entries = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    StoreTimeline(BridgeEvents events) {
        this.subscription = events.subscribe(this::record);
    }

    private void record(BridgeEvent event) {
        if (event instanceof BridgeEvent.StoreChanged change) {
            Deque<Entry> store = entries.computeIfAbsent(change.storeId(), k -> new ArrayDeque<>());
            synchronized (store) {
                store.addFirst(new Entry(change.at(), change.online(), change.detail()));
                while (store.size() > PER_STORE) {
                    store.removeLast();
                }
            }
        }
    }

    List<Entry> of(String storeId) {
        Deque<Entry> store = entries.get(storeId);
        if (store == null) {
            return List.of();
        }
        synchronized (store) {
            return List.copyOf(store);
        }
    }

    @PreDestroy
    void close() throws Exception {
        subscription.close();
    }
}
