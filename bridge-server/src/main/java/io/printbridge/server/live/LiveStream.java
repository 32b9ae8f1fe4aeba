package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.sse.Event;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's event stream: a Reactive Streams publisher for exactly one subscriber, the HTTP
 * response. Events wait in a bounded buffer until the response asks for them, which it does as
 * fast as the client reads; when the buffer is full the stream takes no more events, delivers
 * what it holds followed by an {@code overflow} event, and completes. The client then reconnects
 * and re-reads the jobs it follows by id.
 *
 * <p>Event ids are the stream's own: 1 for the first event it shows, then 2, 3… with no gap, so
 * an id says nothing of what happened in stores the stream does not show. (Ids start again on a
 * new connection; there is no {@code Last-Event-ID} replay.)
 *
 * <p>Signals to the subscriber are serialized by a drain loop (only the thread that finds it idle
 * emits) and are sent outside the lock.
 */
final class LiveStream implements Publisher<Event<String>>, Subscription {

    /** The hub's side: a stream registers when subscribed, and leaves when it ends. */
    interface Registry {
        void add(LiveStream stream);

        void remove(LiveStream stream);
    }

    /** Where the stream is in its life. */
    private enum State {
        /** Taking events and delivering them as the subscriber asks. */
        OPEN,
        /** Taking no more events: what is buffered is delivered, then the stream completes. */
        ENDING,
        /** Completed, failed or cancelled: nothing more is delivered. */
        DONE
    }

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    /** Sent first: the response starts at once, and the client knows it is subscribed. */
    static final String CONNECTED = "connected";
    static final String HEARTBEAT = "heartbeat";
    /** Given to a second subscriber before it is refused, as Reactive Streams rule 1.9 wants. */
    private static final Subscription NO_OP = new Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    };

    private final String label;
    private final Predicate<String> storeFilter;
    private final int capacity;
    private final Event<String> overflowNotice;
    private final Registry registry;
    private final AtomicInteger drainers = new AtomicInteger();

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Event<String>> pending = new ArrayDeque<>();
    private long demand;
    private long lastId;
    private State state = State.OPEN;
    private @Nullable Subscriber<? super Event<String>> subscriber;
    private @Nullable Throwable failure;

    /**
     * @param label who reads it, for logs ("erp-prod, all stores")
     * @param storeFilter the stores whose events this stream shows
     * @param capacity events held for the client before the stream overflows
     * @param overflowNotice the last event of a stream that overflowed
     */
    LiveStream(String label, Predicate<String> storeFilter, int capacity, Event<String> overflowNotice, Registry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        this.label = requireNonNull(label, "label");
        this.storeFilter = requireNonNull(storeFilter, "storeFilter");
        this.capacity = capacity;
        this.overflowNotice = requireNonNull(overflowNotice, "overflowNotice");
        this.registry = requireNonNull(registry, "registry");
        pending.add(comment(CONNECTED));
    }

    @Override
    public void subscribe(Subscriber<? super Event<String>> s) {
        requireNonNull(s, "subscriber");
        boolean first;
        synchronized (lock) {
            first = subscriber == null;
            if (first) {
                subscriber = s;
            }
        }
        if (!first) {
            s.onSubscribe(NO_OP);
            s.onError(new IllegalStateException("a live stream has one subscriber, its HTTP response (" + label + ")"));
            return;
        }
        // Registered before onSubscribe: what arrives before the first request waits in the
        // buffer, behind the connected comment, and nothing published after it is missed.
        registry.add(this);
        s.onSubscribe(this);
        drain();
    }

    /** Takes {@code event}, numbered next, if it concerns a store this stream shows; never blocks. */
    void offer(String storeId, LiveEvent event) {
        if (!storeFilter.test(storeId)) {
            return;
        }
        boolean overflowed = false;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            if (pending.size() >= capacity) {
                // One past the capacity, on purpose: the notice must get through.
                pending.add(overflowNotice);
                state = State.ENDING;
                overflowed = true;
            } else {
                pending.add(Event.of(event.data()).name(event.name()).id(Long.toString(++lastId)));
            }
        }
        if (overflowed) {
            log.info("live stream of {} ended: more than {} events waiting for the client", label, capacity);
            registry.remove(this);
        }
        drain();
    }

    /** Writes a comment if nothing else is waiting, so an idle connection still carries bytes. */
    void heartbeat() {
        synchronized (lock) {
            if (state != State.OPEN || !pending.isEmpty()) {
                return; // a waiting event keeps the line busy just as well
            }
            pending.add(comment(HEARTBEAT));
        }
        drain();
    }

    /** Ends the stream (the server is stopping): what is buffered goes out, then it completes. */
    void end() {
        synchronized (lock) {
            if (state == State.OPEN) {
                state = State.ENDING;
            }
        }
        registry.remove(this);
        drain();
    }

    @Override
    public void request(long n) {
        synchronized (lock) {
            if (n <= 0) {
                failure = new IllegalArgumentException("request: " + n + " (expected: a positive number, Reactive Streams rule 3.9)");
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        drain();
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            state = State.DONE;
            pending.clear();
        }
        registry.remove(this);
    }

    /** Events waiting for the client, for tests. */
    int pending() {
        synchronized (lock) {
            return pending.size();
        }
    }

    private void drain() {
        if (drainers.getAndIncrement() != 0) {
            return; // the thread draining now will see what we added
        }
        int missed = 1;
        do {
            emitWhatIsAllowed();
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emitWhatIsAllowed() {
        while (true) {
            Subscriber<? super Event<String>> s;
            @Nullable Event<String> next = null;
            @Nullable Throwable error = null;
            synchronized (lock) {
                s = subscriber;
                if (s == null || state == State.DONE) {
                    return;
                }
                if (failure != null) {
                    error = failure;
                    state = State.DONE;
                    pending.clear();
                } else if (!pending.isEmpty() && demand > 0) {
                    next = pending.poll();
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                } else if (pending.isEmpty() && state == State.ENDING) {
                    state = State.DONE;
                } else {
                    return; // nothing to send, or no demand
                }
            }
            if (next != null) {
                s.onNext(next);
            } else {
                registry.remove(this);
                if (error != null) {
                    s.onError(error);
                } else {
                    s.onComplete();
                }
                return;
            }
        }
    }

    private static Event<String> comment(String text) {
        return Event.of("").comment(text);
    }
}
