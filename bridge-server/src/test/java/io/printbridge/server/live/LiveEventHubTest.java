package io.printbridge.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskScheduler;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.live.LiveStreamTest.RecordingSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub with its streams, fed through {@link BridgeEvents} and ticked by hand: no server, no clock. */
class LiveEventHubTest {

    static final int BUFFER = 4;

    final BridgeEvents events = new BridgeEvents();
    final ManualScheduler scheduler = new ManualScheduler();
    final LiveEventHub hub = new LiveEventHub(
            events,
            new LiveEventEncoder(new ObjectMapper().findAndRegisterModules()),
            new LiveConfig(BUFFER, Duration.ofSeconds(15), 100),
            scheduler);

    @AfterEach
    void closeHub() {
        hub.close();
    }

    RecordingSubscriber open(String store) {
        RecordingSubscriber client = new RecordingSubscriber();
        hub.open("token test", "test, store " + store, store::equals).subscribe(client);
        return client;
    }

    void publish(String store, String detail) {
        events.publish(new BridgeEvent.StoreChanged(store, true, detail, Instant.now()));
    }

    @Test
    void aReaderHoldsItsQuotaOfStreamsAndGetsItsPlaceBackWhenOneEnds() {
        LiveEventHub small = new LiveEventHub(
                events,
                new LiveEventEncoder(new ObjectMapper().findAndRegisterModules()),
                new LiveConfig(BUFFER, Duration.ofSeconds(15), 2),
                scheduler);
        try {
            RecordingSubscriber first = new RecordingSubscriber();
            small.open("token erp", "erp", store -> true).subscribe(first);
            small.open("token erp", "erp", store -> true).subscribe(new RecordingSubscriber());

            assertThatThrownBy(() -> small.open("token erp", "erp", store -> true))
                    .isInstanceOf(TooManyStreamsException.class)
                    .hasMessage("token erp holds 2 live event streams open already (expected: at most 2 at once,"
                            + " bridge.live.max-streams-per-reader: close one, or share one stream for all your"
                            + " stores)");
            // Another reader is not held back by this one's quota.
            small.open("token caisse", "caisse", store -> true).subscribe(new RecordingSubscriber());
            assertThat(small.streamsOf("token caisse")).isEqualTo(1);

            first.subscription.cancel();
            assertThat(small.streamsOf("token erp")).isEqualTo(1);
            small.open("token erp", "erp", store -> true).subscribe(new RecordingSubscriber());
            assertThat(small.streamsOf("token erp")).isEqualTo(2);
        } finally {
            small.close();
        }
    }

    @Test
    void clientThatReadsNothingHoldsBackNeitherThePublisherNorAClientThatReads() {
        RecordingSubscriber stalled = open("alger-01");
        RecordingSubscriber reading = open("alger-01");
        reading.subscription.request(Long.MAX_VALUE);

        // Far more than the buffer, published from this thread as the job writer publishes from its own:
        // were the stalled client to hold the publisher, this would never return.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i <= 100 * BUFFER; i++) {
                publish("alger-01", "event " + i);
            }
        });

        assertThat(reading.received)
                .filteredOn(e -> e.getId() != null)
                .extracting(Event::getId)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100 * BUFFER)
                        .mapToObj(Long::toString)
                        .toList());
        assertThat(hub.streamCount())
                .as("the stalled stream left the hub, the reading one stayed")
                .isEqualTo(1);

        stalled.subscription.request(Long.MAX_VALUE);
        assertThat(stalled.received)
                .extracting(Event::getName)
                .containsExactly(null, "store", "store", "store", "overflow");
        assertThat(stalled.received.get(4).getData())
                .contains("STREAM_OVERFLOW")
                .contains("bridge.live.buffer");
        assertThat(stalled.completed).isTrue();
    }

    @Test
    void eachTickGivesAHeartbeatToStreamsWithNothingWaiting() {
        RecordingSubscriber idle = open("alger-01");
        idle.subscription.request(Long.MAX_VALUE);
        RecordingSubscriber behind = open("setif-04");
        publish("setif-04", "unread");

        scheduler.tick();
        scheduler.tick();

        assertThat(idle.received)
                .extracting(Event::getComment)
                .containsExactly(LiveStream.CONNECTED, LiveStream.HEARTBEAT, LiveStream.HEARTBEAT);
        behind.subscription.request(Long.MAX_VALUE);
        assertThat(behind.received).extracting(Event::getComment).containsExactly(LiveStream.CONNECTED, null);
    }

    @Test
    void heartbeatsRunOnTheConfiguredPeriod() {
        assertThat(scheduler.delays).containsExactly(Duration.ofSeconds(15));
    }

    @Test
    void cancelledStreamLeavesTheHub() {
        RecordingSubscriber client = open("alger-01");
        assertThat(hub.streamCount()).isEqualTo(1);

        client.subscription.cancel();

        assertThat(hub.streamCount()).isZero();
    }

    @Test
    void closingTheHubEndsEveryStreamAfterWhatItHeldAndStopsTheHeartbeats() {
        RecordingSubscriber client = open("alger-01");
        publish("alger-01", "before the end");

        hub.close();
        publish("alger-01", "after the end");
        client.subscription.request(Long.MAX_VALUE);

        assertThat(client.received).extracting(Event::getId).containsExactly(null, "1");
        assertThat(client.completed).isTrue();
        assertThat(hub.streamCount()).isZero();
        assertThat(scheduler.cancelled).isTrue();
    }

    /** Runs the heartbeat when the test says so. */
    static final class ManualScheduler implements TaskScheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        boolean cancelled;

        void tick() {
            tasks.forEach(Runnable::run);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable command) {
            tasks.add(command);
            delays.add(delay);
            return new Handle();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable command) {
            throw new UnsupportedOperationException("scheduleAtFixedRate");
        }

        @Override
        public ScheduledFuture<?> schedule(String cron, Runnable command) {
            throw new UnsupportedOperationException("schedule(cron)");
        }

        @Override
        public <V> ScheduledFuture<V> schedule(String cron, Callable<V> command) {
            throw new UnsupportedOperationException("schedule(cron)");
        }

        @Override
        public ScheduledFuture<?> schedule(Duration delay, Runnable command) {
            throw new UnsupportedOperationException("schedule(delay)");
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Duration delay, Callable<V> callable) {
            throw new UnsupportedOperationException("schedule(delay)");
        }

        final class Handle implements ScheduledFuture<Object> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelled = true;
                tasks.clear();
                return true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return cancelled;
            }

            @Override
            public Object get() {
                throw new UnsupportedOperationException("get");
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                throw new UnsupportedOperationException("get");
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return 0;
            }

            @Override
            public int compareTo(Delayed other) {
                return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
            }
        }
    }
}
