package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.printbridge.server.api.Scope;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Hands every job and store change to the open live streams. Listens to {@link BridgeEvents}
 * once for all streams, so each event is written as JSON once. It numbers nothing: each stream
 * numbers the events it shows, 1, 2, 3… from its connection (see {@link LiveStream}), because one
 * count across all stores would let a token for store A count store B's events from the gaps.
 * There is no replay: a client that reconnects re-reads the jobs it follows.
 */
@Singleton
public final class LiveEventHub implements LiveStream.Registry {

    private static final Logger log = LoggerFactory.getLogger(LiveEventHub.class);

    private final LiveEventEncoder encoder;
    private final int buffer;
    private final Event<String> overflowNotice;
    private final List<LiveStream> streams = new CopyOnWriteArrayList<>();
    private final LiveStreamQuota quota;
    private final AutoCloseable subscription;
    private final ScheduledFuture<?> heartbeats;

    LiveEventHub(
            BridgeEvents events,
            LiveEventEncoder encoder,
            LiveConfig config,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.encoder = requireNonNull(encoder, "encoder");
        this.buffer = config.buffer();
        this.overflowNotice = encoder.overflow(buffer);
        this.quota = new LiveStreamQuota(config.maxStreamsPerReader());
        this.heartbeats = scheduler.scheduleWithFixedDelay(config.heartbeat(), config.heartbeat(), this::heartbeat);
        this.subscription = events.subscribe(this::publish);
    }

    /**
     * The events of the stores {@code storeFilter} accepts, as a stream that listens from the moment
     * it is subscribed and leaves the hub when it ends or is cancelled. It counts against {@code
     * reader}'s quota from now until it ends.
     *
     * @throws TooManyStreamsException when {@code reader} holds its quota of streams already
     */
    public Flux<Event<String>> open(String reader, String label, Predicate<String> storeFilter) {
        return open(reader, label, storeFilter, event -> true);
    }

    /** {@link #open(String, String, Predicate)} for a reader who sees only the events whose scope it has. */
    public Flux<Event<String>> open(
            String reader, String label, Predicate<String> storeFilter, Predicate<Scope> hasScope) {
        quota.acquire(reader);
        return LiveStream.flux(
                        label,
                        storeFilter,
                        event -> event.needs() == null || hasScope.test(event.needs()),
                        buffer,
                        overflowNotice,
                        this)
                .doFinally(ended -> quota.release(reader));
    }

    /** Streams {@code reader} holds open now. */
    int streamsOf(String reader) {
        return quota.held(reader);
    }

    @Override
    public void add(LiveStream stream) {
        streams.add(stream);
    }

    @Override
    public void remove(LiveStream stream) {
        streams.remove(stream);
    }

    /** Streams listening now, for tests. */
    int streamCount() {
        return streams.size();
    }

    /**
     * Runs in the publisher's thread, so it only encodes and enqueues. Synchronized so that
     * concurrent publishers hand every stream their events in one order.
     */
    private synchronized void publish(BridgeEvent event) {
        if (streams.isEmpty()) {
            return;
        }
        LiveEvent encoded = encoder.encode(event);
        for (LiveStream stream : streams) {
            stream.offer(event.storeId(), encoded);
        }
    }

    private void heartbeat() {
        for (LiveStream stream : streams) {
            try {
                stream.heartbeat();
            } catch (RuntimeException e) {
                // Escaping, it would cancel the schedule: heartbeats must outlive one bad write.
                log.warn("live stream heartbeat failed: {}", e.toString());
            }
        }
    }

    @PreDestroy
    void close() {
        heartbeats.cancel(false);
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribing live streams: {}", e.toString());
        }
        streams.forEach(LiveStream::end);
    }
}
