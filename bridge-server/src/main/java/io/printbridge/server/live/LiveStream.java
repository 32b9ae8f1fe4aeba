package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.sse.Event;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * One client's event stream. Events wait in a bounded buffer until the response asks for them,
 * which it does as fast as the client reads; one event more than the buffer holds ends the stream:
 * it takes no more events, delivers what it holds followed by an {@code overflow} event, and
 * completes. The client then reconnects and re-reads the jobs it follows by id.
 *
 * <p>Why Reactor rather than a publisher of our own: demand, cancellation, serial signals from
 * several threads and the specification's rules towards the response ({@code request(0)} is an
 * error) are what a hand-written publisher gets subtly wrong, and what Reactor's operators already
 * do, tested in Reactor's own build (the Reactive Streams TCK among it) and run by Micronaut's Netty
 * server, which brings reactor-core anyway. Keeping our own would have meant the TCK, on TestNG, in
 * this JUnit build, to check drain-loop code that nothing here needs to own. So {@code Flux.create}
 * serializes what the hub's and the heartbeat's threads give it, {@code onBackpressureBuffer} is
 * the bound, and what is left here is ours: which events a stream shows, their ids and the
 * heartbeats.
 *
 * <p>Event ids are the stream's own: 1 for the first event it shows, then 2, 3… with no gap, so an
 * id says nothing of what happened in stores the stream does not show. (Ids start again on a new
 * connection; there is no {@code Last-Event-ID} replay.)
 */
final class LiveStream {

    /** The hub's side: a stream registers when subscribed, and leaves when it ends, however it ends. */
    interface Registry {
        void add(LiveStream stream);

        void remove(LiveStream stream);
    }

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    /** Sent first: the response starts at once, and the client knows it is subscribed. */
    static final String CONNECTED = "connected";

    static final String HEARTBEAT = "heartbeat";

    private final Predicate<String> storeFilter;
    private final Predicate<LiveEvent> kinds;
    private final FluxSink<Event<String>> sink;
    /** Events and comments given to the sink that the response has not taken yet. */
    private final AtomicInteger waiting;
    // Guarded by this, so that ids follow the order in which events enter the sink.
    private long lastId;

    private LiveStream(
            Predicate<String> storeFilter,
            Predicate<LiveEvent> kinds,
            FluxSink<Event<String>> sink,
            AtomicInteger waiting) {
        this.storeFilter = storeFilter;
        this.kinds = kinds;
        this.sink = sink;
        this.waiting = waiting;
    }

    /**
     * The events of the stores {@code storeFilter} accepts, for one subscriber each time it is
     * subscribed: every subscription is a stream of its own, registered with {@code registry} while
     * it lasts.
     *
     * @param label who reads it, for logs ("erp-prod, all its stores")
     * @param capacity events held for the client before the stream overflows
     * @param overflowNotice the last event of a stream that overflowed
     */
    static Flux<Event<String>> flux(
            String label,
            Predicate<String> storeFilter,
            Predicate<LiveEvent> kinds,
            int capacity,
            Event<String> overflowNotice,
            Registry registry) {
        requireNonNull(label, "label");
        requireNonNull(storeFilter, "storeFilter");
        requireNonNull(overflowNotice, "overflowNotice");
        requireNonNull(registry, "registry");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        return Flux.defer(() -> {
            AtomicInteger waiting = new AtomicInteger();
            return Flux.<Event<String>>create(
                            sink -> {
                                LiveStream stream = new LiveStream(storeFilter, kinds, sink, waiting);
                                // First in line, before the hub can hand it anything.
                                stream.push(comment(CONNECTED));
                                registry.add(stream);
                                // Completed, overflowed or cancelled by the client: it leaves the hub. Added
                                // after registering: on a sink already cancelled it runs at once.
                                sink.onDispose(() -> registry.remove(stream));
                            },
                            // create holds nothing itself: the buffer below asks for everything at once, and
                            // is the only bound. ERROR says so, should that ever change.
                            FluxSink.OverflowStrategy.ERROR)
                    // With ERROR the event past the capacity cancels create (the stream leaves the hub
                    // then) and the error waits until the buffered events are delivered.
                    .onBackpressureBuffer(
                            capacity,
                            refused -> log.info(
                                    "live stream of {} ended: more than {} events waiting for the client",
                                    label,
                                    capacity),
                            BufferOverflowStrategy.ERROR)
                    .doOnNext(taken -> waiting.decrementAndGet())
                    .onErrorResume(Exceptions::isOverflow, overflow -> Mono.just(overflowNotice));
        });
    }

    /**
     * Takes {@code event}, numbered next, if it concerns a store this stream shows. Never blocks:
     * the monitor is only taken by publishers, which the hub already serializes, and the sink hands
     * a concurrent heartbeat's work to whichever thread is emitting.
     */
    synchronized void offer(String storeId, LiveEvent event) {
        // A cancelled stream numbers nothing: no id is spent on an event nobody will see.
        if (storeFilter.test(storeId) && kinds.test(event) && !sink.isCancelled()) {
            push(Event.of(event.data()).name(event.name()).id(Long.toString(++lastId)));
        }
    }

    /**
     * Writes a comment if nothing else waits for the client, so an idle connection still carries
     * bytes while a client that is behind gets no comments in the way of its events. (An event
     * arriving between the test and the push only means one comment among events.)
     */
    void heartbeat() {
        if (waiting.get() == 0) {
            push(comment(HEARTBEAT));
        }
    }

    /** Ends the stream (the server is stopping): what is buffered goes out, then it completes. */
    void end() {
        sink.complete();
    }

    /** Events and comments waiting for the client, for tests. */
    int pending() {
        return waiting.get();
    }

    private void push(Event<String> event) {
        waiting.incrementAndGet();
        sink.next(event);
    }

    private static Event<String> comment(String text) {
        return Event.of("").comment(text);
    }
}
