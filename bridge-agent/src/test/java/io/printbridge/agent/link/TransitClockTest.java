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
        // A heartbeat sent at 0 is echoed at server time 1 ms and arrives at 2 ms.
        clock.observe(server(1), 0, 2 * MS);
        // A command sent at server time 1 000 ms sits 30 s in a stalled connection.
        long arrival = 31_000 * MS;
        ticker.set(arrival);

        long sentAt = clock.sentAtNanos(server(1_000), arrival);

        // Judged as sent at most one round trip (2 ms) before it really was (999-1001 ms), never later.
        assertThat(sentAt).isEqualTo(999 * MS);
    }

    @Test
    void aWelcomeHeldUpTogetherWithTheFirstCommandStillDatesIt() {
        // The Hello leaves at 0; the line stalls; the Welcome (stamped 10 ms) and a command
        // (stamped 10 ms) both arrive 8 s later.
        long arrival = 8_000 * MS;
        clock.observe(server(10), 0, arrival);
        ticker.set(arrival);

        // Dated when the Hello left, not when the Welcome came: 8 s of its time to live are gone.
        assertThat(clock.sentAtNanos(server(10), arrival)).isEqualTo(0);
    }

    @Test
    void theQuickestRoundTripSeenIsTheBestEstimate() {
        clock.observe(server(25), 0, 50 * MS); // a slow round trip
        clock.observe(server(1_000), 1_000 * MS, 1_001 * MS); // a quick one
        ticker.set(5_000 * MS);

        assertThat(clock.sentAtNanos(server(4_000), 5_000 * MS)).isEqualTo(4_000 * MS);
    }

    @Test
    void withoutAnySampleTheArrivalIsAllThereIs() {
        assertThat(clock.sentAtNanos(server(0), 7 * MS)).isEqualTo(7 * MS);
    }

    @Test
    void commandFromAnOlderServerWithoutASendTimeCountsFromItsArrival() {
        clock.observe(server(0), 0, 1 * MS);

        assertThat(clock.sentAtNanos(null, 9 * MS)).isEqualTo(9 * MS);
        assertThat(clock.sentAtNanos(Timestamp.getDefaultInstance(), 9 * MS)).isEqualTo(9 * MS);
    }

    @Test
    void aServerClockAheadOfTheArrivalNeverMakesACommandYoungerThanItsArrival() {
        clock.observe(server(0), 0, 0);
        ticker.set(10 * MS);

        // Stamped "in the future" (a server clock stepped forward since the sample).
        assertThat(clock.sentAtNanos(server(500), 10 * MS)).isEqualTo(10 * MS);
    }

    @Test
    void aServerClockSteppedForwardReplacesTheOldRelationAtOnce() {
        clock.observe(server(0), 0, 1 * MS);
        // A minute later the server's clock is 5 s ahead of where it was: the samples disagree.
        clock.observe(server(65_000), 60_000 * MS, 60_001 * MS);
        ticker.set(65_001 * MS);

        // Sent at server time 70 000 is 65 000 on this ticker, not 70 000 (which would stretch
        // its time to live by the 5 s step).
        assertThat(clock.sentAtNanos(server(70_000), 65_001 * MS)).isEqualTo(65_000 * MS);
    }

    @Test
    void samplesOlderThanTheWindowWearOff() {
        clock.observe(server(0), 0, 0); // a relation that held then
        long later = TransitClock.WINDOW.toNanos() + 60_000 * MS;
        clock.observe(server(later / MS + 3), later - 4 * MS, later); // a slower round trip now
        ticker.set(later);

        // Only the new sample counts: a command sent at later/MS + 3 ms was sent 4 ms before it
        // at most, by the new sample's bound (the old one would have said 3 ms after the arrival).
        assertThat(clock.sentAtNanos(server(later / MS + 3), later)).isEqualTo(later - 4 * MS);
    }

    @Test
    void resetForgetsTheRelationToTheLastServer() {
        clock.observe(server(0), 0, 0);
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
