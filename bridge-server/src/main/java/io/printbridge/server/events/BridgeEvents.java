package io.printbridge.server.events;

import jakarta.inject.Singleton;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out of {@link BridgeEvent}s to whoever listens, in the thread that publishes. Listeners
 * must not block: a live stream or a webhook sender hands the event to its own queue. A failing
 * listener is logged and does not stop the others, nor the job that changed.
 */
@Singleton
public final class BridgeEvents {

    private static final Logger log = LoggerFactory.getLogger(BridgeEvents.class);

    private final CopyOnWriteArrayList<Consumer<BridgeEvent>> listeners = new CopyOnWriteArrayList<>();

    public void publish(BridgeEvent event) {
        for (Consumer<BridgeEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("event listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Adds {@code listener}; the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<BridgeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
