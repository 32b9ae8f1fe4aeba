package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import io.printbridge.agent.exec.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Tells how long a command spent between the server and this agent, so a connection that stalls
 * cannot stretch a command's time to live: the server counts it from when it sent the command,
 * and so must the agent.
 *
 * <p>Each server message that carries the server's wall clock and answers something this agent
 * sent (the Welcome its Hello, an echo its heartbeat) bounds {@code server clock - our monotonic
 * clock}: the server stamped it after our message left ({@code asked}) and before its answer came
 * back ({@code received}), so the offset lies between {@code stamp - received} and {@code stamp -
 * asked}. A command stamped {@code sent_at} is taken as sent at {@code sent_at - (the smallest
 * upper bound)}: never later than it really was, and earlier by at most the quickest round trip
 * seen (milliseconds on a healthy link). Erring that way only ever shortens a time to live, which
 * is the side a cash drawer must err on. The bound holds however late the answer arrived: a
 * Welcome held up in a stalled line together with the first commands still dates them right.
 *
 * <p>Samples are kept for {@link #WINDOW}, and dropped from the oldest whenever they disagree (a
 * larger lower bound than some upper bound: the server's clock was stepped), and with each new
 * stream (it may reach another server). Thread-safe.
 */
final class TransitClock {

    static final Duration WINDOW = Duration.ofMinutes(10);

    /** What one answer told of the offset: {@code lower <= server clock - ticker <= upper}. */
    private record Sample(long atNanos, long lowerNanos, long upperNanos) {}

    private final Ticker ticker;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    TransitClock(Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /**
     * An answer stamped {@code serverTime} by the server arrived at {@code receivedAtNanos}, in
     * reply to a message this agent sent at {@code askedAtNanos} (both on the ticker).
     */
    synchronized void observe(Timestamp serverTime, long askedAtNanos, long receivedAtNanos) {
        if (serverTime.getSeconds() == 0 && serverTime.getNanos() == 0) {
            return; // an older server that does not stamp its messages
        }
        long stamp = epochNanos(serverTime);
        samples.addLast(new Sample(receivedAtNanos, stamp - receivedAtNanos, stamp - askedAtNanos));
        dropOlderThan(receivedAtNanos);
        while (samples.size() > 1 && !consistent()) {
            samples.removeFirst(); // the server's clock moved: only the newer relation holds
        }
    }

    /** Forgets every sample: a new stream, perhaps to another server with its own clock. */
    synchronized void reset() {
        samples.clear();
    }

    /**
     * When a command the server stamped {@code sentAt} was sent, on the ticker: no later than it
     * really was, and never after its arrival; its arrival when no estimate can be made.
     */
    synchronized long sentAtNanos(@Nullable Timestamp sentAt, long receivedAtNanos) {
        dropOlderThan(ticker.nanoTime());
        if (sentAt == null || (sentAt.getSeconds() == 0 && sentAt.getNanos() == 0) || samples.isEmpty()) {
            return receivedAtNanos;
        }
        long upper = Long.MAX_VALUE;
        for (Sample sample : samples) {
            upper = Math.min(upper, sample.upperNanos());
        }
        return Math.min(receivedAtNanos, epochNanos(sentAt) - upper);
    }

    /**
     * The server's wall clock now, as well as the samples tell it (the middle of the offset's
     * bounds): for an attendance clock's drift, where a few milliseconds do not matter. Null before
     * the first stamped answer.
     */
    synchronized @Nullable Instant serverNow() {
        long now = ticker.nanoTime();
        dropOlderThan(now);
        if (samples.isEmpty()) {
            return null;
        }
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (Sample sample : samples) {
            lower = Math.max(lower, sample.lowerNanos());
            upper = Math.min(upper, sample.upperNanos());
        }
        long epochNanos = now + lower + (upper - lower) / 2;
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private boolean consistent() {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (Sample sample : samples) {
            lower = Math.max(lower, sample.lowerNanos());
            upper = Math.min(upper, sample.upperNanos());
        }
        return lower <= upper;
    }

    private void dropOlderThan(long nowNanos) {
        long window = WINDOW.toNanos();
        // Keep the newest sample whatever its age: one estimate is better than none.
        while (samples.size() > 1 && nowNanos - samples.peekFirst().atNanos() > window) {
            samples.removeFirst();
        }
    }

    private static long epochNanos(Timestamp t) {
        return t.getSeconds() * 1_000_000_000L + t.getNanos();
    }
}
