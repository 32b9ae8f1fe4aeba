package io.printbridge.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;

/** The stream's buffer, demand and end, driven by hand: no server, no clock. */
class LiveStreamTest {

    static final Event<String> OVERFLOW = Event.of("{\"error\":{}}").name("overflow");

    final Set<LiveStream> registered = ConcurrentHashMap.newKeySet();
    /** Every stream ever registered, in order, so a test can still offer to one that left. */
    final List<LiveStream> opened = new ArrayList<>();

    final LiveStream.Registry registry = new LiveStream.Registry() {
        @Override
        public void add(LiveStream stream) {
            registered.add(stream);
            opened.add(stream);
        }

        @Override
        public void remove(LiveStream stream) {
            registered.remove(stream);
        }
    };
    final RecordingSubscriber client = new RecordingSubscriber();

    Flux<Event<String>> stream(int capacity) {
        return LiveStream.flux("test", store -> store.equals("alger-01"), event -> true, capacity, OVERFLOW, registry);
    }

    /** Subscribes {@code subscriber} and returns the stream that subscription opened. */
    LiveStream subscribe(Flux<Event<String>> flux, RecordingSubscriber subscriber) {
        flux.subscribe(subscriber);
        return opened.get(opened.size() - 1);
    }

    static LiveEvent event(int n) {
        return new LiveEvent("job", "{\"n\":" + n + "}", null);
    }

    @Test
    void startsWithAConnectedCommentAndRegistersWhenSubscribed() {
        Flux<Event<String>> flux = stream(4);
        assertThat(registered).isEmpty();

        LiveStream stream = subscribe(flux, client);
        client.subscription.request(1);

        assertThat(registered).containsExactly(stream);
        assertThat(client.received).extracting(Event::getComment).containsExactly(LiveStream.CONNECTED);
    }

    @Test
    void deliversNoMoreEventsThanRequested() {
        LiveStream stream = subscribe(stream(10), client);
        for (int i = 1; i <= 5; i++) {
            stream.offer("alger-01", event(i));
        }

        client.subscription.request(3);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2");
        assertThat(stream.pending()).isEqualTo(3);
    }

    @Test
    void showsOnlyTheStoresItsFilterAccepts() {
        LiveStream stream = subscribe(stream(10), client);

        stream.offer("setif-04", event(1));
        stream.offer("alger-01", event(2));
        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getData).containsExactly("", "{\"n\":2}");
    }

    @Test
    void idsCountOnlyTheEventsThisStreamShowsFromOneWithoutGaps() {
        LiveStream stream = subscribe(stream(10), client);

        // Another store's traffic between this store's events must leave no trace in the ids.
        stream.offer("setif-04", event(1));
        stream.offer("setif-04", event(2));
        stream.offer("alger-01", event(3));
        stream.offer("setif-04", event(4));
        stream.offer("alger-01", event(5));
        stream.offer("alger-01", event(6));
        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2", "3");
        assertThat(client.received).extracting(Event::getName).containsExactly(null, "job", "job", "job");
        assertThat(client.received).extracting(Event::getData).endsWith("{\"n\":3}", "{\"n\":5}", "{\"n\":6}");
    }

    @Test
    void eachSubscriptionIsAStreamOfItsOwnNumberedFromOne() {
        Flux<Event<String>> flux = stream(10);
        LiveStream first = subscribe(flux, client);
        first.offer("alger-01", event(1));
        RecordingSubscriber later = new RecordingSubscriber();
        LiveStream second = subscribe(flux, later);

        first.offer("alger-01", event(2));
        second.offer("alger-01", event(2));
        client.subscription.request(Long.MAX_VALUE);
        later.subscription.request(Long.MAX_VALUE);

        assertThat(second).isNotSameAs(first);
        assertThat(registered).containsExactlyInAnyOrder(first, second);
        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2");
        assertThat(later.received).extracting(Event::getId).containsExactly(null, "1");
    }

    @Test
    void fullBufferEndsTheStreamWithTheOverflowEventAfterWhatItHeld() {
        LiveStream stream = subscribe(stream(3), client);
        for (int i = 1; i <= 10; i++) {
            stream.offer("alger-01", event(i));
        }

        // It stopped listening at once, not when the client caught up.
        assertThat(registered).isEmpty();

        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2", null);
        assertThat(client.received.get(3).getName()).isEqualTo("overflow");
        assertThat(client.completed).isTrue();
        assertThat(client.error).isNull();
    }

    @Test
    void streamNobodyReadsHoldsNoMoreThanItsCapacityHoweverManyEventsCome() {
        LiveStream stream = subscribe(stream(8), client);

        int mostHeld = 0;
        for (int i = 1; i <= 1_000; i++) {
            stream.offer("alger-01", event(i));
            mostHeld = Math.max(mostHeld, heldByReactor(client.subscription));
        }

        assertThat(mostHeld).isEqualTo(8);
        assertThat(registered).isEmpty();
    }

    @Test
    void readingSlowlyWithinTheCapacityNeverOverflows() {
        LiveStream stream = subscribe(stream(2), client);
        client.subscription.request(1); // the connected comment

        for (int i = 1; i <= 100; i++) {
            stream.offer("alger-01", event(i));
            stream.offer("alger-01", event(i));
            client.subscription.request(2);
        }

        assertThat(client.received).hasSize(201).extracting(Event::getName).doesNotContain("overflow");
        assertThat(client.received.get(200).getId()).isEqualTo("200");
        assertThat(registered).containsExactly(stream);
    }

    @Test
    void heartbeatsFromAnotherThreadLeaveTheIdsInOrderWithoutGaps() throws InterruptedException {
        LiveStream stream = subscribe(stream(100_000), client);
        client.subscription.request(Long.MAX_VALUE);
        int events = 20_000;

        Thread heartbeats = new Thread(() -> {
            for (int i = 0; i < events; i++) {
                stream.heartbeat();
            }
        });
        heartbeats.start();
        for (int i = 1; i <= events; i++) {
            stream.offer("alger-01", event(i));
        }
        heartbeats.join();
        // A heartbeat only goes out while nothing waits, so the flood above may have skipped every
        // one of them; once it has been taken, the next one must go out.
        assertThat(stream.pending()).isZero();
        stream.heartbeat();

        assertThat(client.received)
                .filteredOn(e -> e.getId() != null)
                .extracting(Event::getId)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events)
                        .mapToObj(Long::toString)
                        .toList());
        assertThat(client.received)
                .filteredOn(e -> e.getId() == null)
                .extracting(Event::getComment)
                .startsWith(LiveStream.CONNECTED)
                .endsWith(LiveStream.HEARTBEAT)
                .containsOnly(LiveStream.CONNECTED, LiveStream.HEARTBEAT);
        assertThat(client.error).isNull();
    }

    @Test
    void publishersOnSeveralThreadsStillGetIdsInTheOrderEventsGoOut() throws InterruptedException {
        LiveStream stream = subscribe(stream(100_000), client);
        client.subscription.request(Long.MAX_VALUE);
        int each = 20_000;

        Runnable publisher = () -> {
            for (int i = 1; i <= each; i++) {
                stream.offer("alger-01", event(i));
            }
        };
        Thread first = new Thread(publisher);
        Thread second = new Thread(publisher);
        first.start();
        second.start();
        first.join();
        second.join();

        assertThat(client.received)
                .filteredOn(e -> e.getId() != null)
                .extracting(Event::getId)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * each)
                        .mapToObj(Long::toString)
                        .toList());
    }

    @Test
    void heartbeatIsOnlyAddedWhenNothingElseWaits() {
        LiveStream stream = subscribe(stream(3), client);
        stream.heartbeat(); // the connected comment is still waiting
        assertThat(stream.pending()).isEqualTo(1);

        client.subscription.request(Long.MAX_VALUE);
        stream.heartbeat();

        assertThat(client.received)
                .extracting(Event::getComment)
                .containsExactly(LiveStream.CONNECTED, LiveStream.HEARTBEAT);
        assertThat(client.received).extracting(Event::getId).containsOnlyNulls();
    }

    @Test
    void cancelUnregistersAndDropsWhatWaited() {
        LiveStream stream = subscribe(stream(10), client);
        stream.offer("alger-01", event(1));

        client.subscription.cancel();
        stream.offer("alger-01", event(2));
        client.subscription.request(10);

        assertThat(registered).isEmpty();
        assertThat(client.received).isEmpty();
        assertThat(heldByReactor(client.subscription)).isZero();
    }

    @Test
    void endDeliversWhatIsBufferedThenCompletes() {
        LiveStream stream = subscribe(stream(10), client);
        stream.offer("alger-01", event(1));

        stream.end();
        stream.offer("alger-01", event(2));
        client.subscription.request(10);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1");
        assertThat(client.completed).isTrue();
        assertThat(registered).isEmpty();
    }

    @Test
    void nonPositiveRequestFailsTheStream() {
        subscribe(stream(10), client);

        client.subscription.request(0);

        // Reactive Streams rule 3.9, kept by Reactor for a subscriber that is not its own (as the HTTP response's is).
        assertThat(client.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        assertThat(registered).isEmpty();
    }

    @Test
    void capacityBelowOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> stream(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: at least 1)");
    }

    /** What the operators between the sink and {@code subscription} hold, as Reactor itself counts it. */
    static int heldByReactor(Subscription subscription) {
        Scannable chain = Scannable.from(subscription);
        return Stream.concat(Stream.of(chain), chain.parents())
                .mapToInt(operator -> {
                    Integer buffered = operator.scan(Scannable.Attr.BUFFERED);
                    return buffered == null ? 0 : buffered;
                })
                .sum();
    }

    /** A plain Reactive Streams subscriber, as the HTTP response is: asks for nothing by itself and records every signal. */
    static final class RecordingSubscriber implements Subscriber<Event<String>> {
        final List<Event<String>> received = new ArrayList<>();
        Subscription subscription;
        boolean completed;
        Throwable error;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Event<String> event) {
            received.add(event);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
