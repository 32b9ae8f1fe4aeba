package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TransitClockTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The server's wall clock at the agent's ticker 0: the two clocks have nothing in common. */
    private static final long SERVER_EPOCH_AT_ZERO = 1_780_000_000_000L * MS;

    private final AtomicLong ticker = new AtomicLong();
    private final TransitClock clock = new TransitClock(ticker::get);

    @Test
    void commandHeldUpByAStalledLinkStartsItsTimeToLiveWhenTheServerSentIt() {
        // A heartbeat echo sent at server time 0 arrives 2 ms later.
        clock.observe(server(0), 2 * MS);
        // A command sent at server time 1 000 ms sits 30 s in a stalled connection.
        long arrival = 31_000 * MS;
        ticker.set(arrival);

        long sentAt = clock.sentAtNanos(server(1_000), arrival);

        // Judged as sent 2 ms after it really was (the quickest transit seen), never later.
        assertThat(sentAt).isEqualTo(1_002 * MS);
    }

    @Test
    void theQuickestTransitSeenIsTheBestEstimate() {
        clock.observe(server(0), 50 * MS); // a slow echo
        clock.observe(server(1_000), 1_001 * MS); // a quick one
        ticker.set(5_000 * MS);

        assertThat(clock.sentAtNanos(server(4_000), 5_000 * MS)).isEqualTo(4_001 * MS);
    }

    @Test
    void withoutAnySampleTheArrivalIsAllThereIs() {
        assertThat(clock.sentAtNanos(server(0), 7 * MS)).isEqualTo(7 * MS);
    }

    @Test
    void commandFromAnOlderServerWithoutASendTimeCountsFromItsArrival() {
        clock.observe(server(0), 1 * MS);

        assertThat(clock.sentAtNanos(null, 9 * MS)).isEqualTo(9 * MS);
        assertThat(clock.sentAtNanos(Timestamp.getDefaultInstance(), 9 * MS)).isEqualTo(9 * MS);
    }

    @Test
    void aServerClockAheadOfTheArrivalNeverMakesACommandYoungerThanItsArrival() {
        clock.observe(server(0), 0);
        ticker.set(10 * MS);

        // Stamped "in the future" (a server clock stepped forward since the sample).
        assertThat(clock.sentAtNanos(server(500), 10 * MS)).isEqualTo(10 * MS);
    }

    @Test
    void samplesOlderThanTheWindowWearOffSoASteppedServerClockDoesNotLinger() {
        clock.observe(server(0), 0); // offset as it was
        long later = TransitClock.WINDOW.toNanos() + 60_000 * MS;
        clock.observe(server(later / MS - 5_000), later); // the server's clock was stepped back 5 s
        ticker.set(later);

        // Only the new relation counts: a command sent now arrived now.
        assertThat(clock.sentAtNanos(server(later / MS - 5_000), later)).isEqualTo(later);
    }

    @Test
    void resetForgetsTheRelationToTheLastServer() {
        clock.observe(server(0), 0);
        clock.reset();

        assertThat(clock.sentAtNanos(server(0), 30_000 * MS)).isEqualTo(30_000 * MS);
    }

    /** A server timestamp {@code millis} after the server's time at the agent's ticker 0. */
    private static Timestamp server(long millis) {
        long nanos = SERVER_EPOCH_AT_ZERO + millis * MS;
        return Timestamp.newBuilder()
                .setSeconds(nanos / 1_000_000_000L)
                .setNanos((int) (nanos % 1_000_000_000L))
                .build();
    }
}
