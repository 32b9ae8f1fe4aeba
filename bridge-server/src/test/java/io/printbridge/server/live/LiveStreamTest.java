package io.printbridge.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The stream's buffer, demand and end, driven by hand: no server, no threads. */
class LiveStreamTest {

    static final Event<String> OVERFLOW = Event.of("{\"error\":{}}").name("overflow");

    final Set<LiveStream> registered = ConcurrentHashMap.newKeySet();
    final LiveStream.Registry registry = new LiveStream.Registry() {
        @Override
        public void add(LiveStream stream) {
            registered.add(stream);
        }

        @Override
        public void remove(LiveStream stream) {
            registered.remove(stream);
        }
    };
    final RecordingSubscriber client = new RecordingSubscriber();

    LiveStream stream(int capacity) {
        return new LiveStream("test", store -> store.equals("alger-01"), capacity, OVERFLOW, registry);
    }

    static LiveEvent event(int n) {
        return new LiveEvent("job", "{\"n\":" + n + "}");
    }

    @Test
    void startsWithAConnectedCommentAndRegistersWhenSubscribed() {
        LiveStream stream = stream(4);
        assertThat(registered).isEmpty();

        stream.subscribe(client);
        client.subscription.request(1);

        assertThat(registered).containsExactly(stream);
        assertThat(client.received).extracting(Event::getComment).containsExactly(LiveStream.CONNECTED);
    }

    @Test
    void deliversNoMoreEventsThanRequested() {
        LiveStream stream = stream(10);
        stream.subscribe(client);
        for (int i = 1; i <= 5; i++) {
            stream.offer("alger-01", event(i));
        }

        client.subscription.request(3);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2");
        assertThat(stream.pending()).isEqualTo(3);
    }

    @Test
    void showsOnlyTheStoresItsFilterAccepts() {
        LiveStream stream = stream(10);
        stream.subscribe(client);

        stream.offer("setif-04", event(1));
        stream.offer("alger-01", event(2));
        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getData).containsExactly("", "{\"n\":2}");
    }

    @Test
    void idsCountOnlyTheEventsThisStreamShowsFromOneWithoutGaps() {
        LiveStream stream = stream(10);
        stream.subscribe(client);

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
    void twoStreamsNumberTheSameEventEachFromTheirOwnCount() {
        LiveStream first = stream(10);
        first.subscribe(client);
        first.offer("alger-01", event(1));
        LiveStream second = stream(10);
        RecordingSubscriber later = new RecordingSubscriber();
        second.subscribe(later);

        first.offer("alger-01", event(2));
        second.offer("alger-01", event(2));
        client.subscription.request(Long.MAX_VALUE);
        later.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2");
        assertThat(later.received).extracting(Event::getId).containsExactly(null, "1");
    }

    @Test
    void fullBufferEndsTheStreamWithTheOverflowEventAfterWhatItHeld() {
        LiveStream stream = stream(3);
        stream.subscribe(client);
        for (int i = 1; i <= 10; i++) {
            stream.offer("alger-01", event(i));
        }

        // It stopped listening at once, not when the client caught up.
        assertThat(registered).isEmpty();
        assertThat(stream.pending()).isEqualTo(4);

        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1", "2", null);
        assertThat(client.received.get(3).getName()).isEqualTo("overflow");
        assertThat(client.completed).isTrue();
    }

    @Test
    void heartbeatIsOnlyAddedWhenNothingElseWaits() {
        LiveStream stream = stream(3);
        stream.subscribe(client);
        stream.heartbeat(); // the connected comment is still waiting
        assertThat(stream.pending()).isEqualTo(1);

        client.subscription.request(Long.MAX_VALUE);
        stream.heartbeat();

        assertThat(client.received).extracting(Event::getComment).containsExactly(LiveStream.CONNECTED, LiveStream.HEARTBEAT);
    }

    @Test
    void cancelUnregistersAndDropsWhatWaited() {
        LiveStream stream = stream(10);
        stream.subscribe(client);
        stream.offer("alger-01", event(1));

        client.subscription.cancel();
        client.subscription.request(10);

        assertThat(registered).isEmpty();
        assertThat(client.received).isEmpty();
        assertThat(stream.pending()).isZero();
    }

    @Test
    void endDeliversWhatIsBufferedThenCompletes() {
        LiveStream stream = stream(10);
        stream.subscribe(client);
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
        LiveStream stream = stream(10);
        stream.subscribe(client);

        client.subscription.request(0);

        assertThat(client.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request: 0");
        assertThat(registered).isEmpty();
    }

    @Test
    void secondSubscriberIsRefused() {
        LiveStream stream = stream(10);
        stream.subscribe(client);
        RecordingSubscriber second = new RecordingSubscriber();

        stream.subscribe(second);

        assertThat(second.error).isInstanceOf(IllegalStateException.class);
        assertThat(registered).containsExactly(stream);
    }

    /** A subscriber that asks for nothing by itself and records every signal. */
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
