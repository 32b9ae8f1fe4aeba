package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Timestamp;
import io.printbridge.agent.exec.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Tells how long a command spent between the server and this agent, so a connection that stalls
 * cannot stretch a command's time to live: the server counts it from when it sent the command,
 * and so must the agent.
 *
 * <p>Each server message that carries the server's wall clock (Welcome, heartbeat echoes) gives
 * one sample of {@code server clock - our monotonic clock} at its arrival. A sample is short of
 * the true offset by that message's transit, never over it, so the largest recent sample is the
 * best estimate, off by the quickest transit seen (milliseconds on a healthy link). A command's
 * transit is then {@code arrival + offset - sent_at}, an estimate that can only err short: a
 * command may be judged fresher than it is by that quickest transit, never older.
 *
 * <p>Samples are kept for {@link #WINDOW} so that clock drift and a stepped server clock wear
 * off, and dropped with each new stream (it may reach another server). Thread-safe.
 */
final class TransitClock {

    static final Duration WINDOW = Duration.ofMinutes(10);

    private record Sample(long atNanos, long offsetNanos) {}

    private final Ticker ticker;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    TransitClock(Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /** A message stamped {@code serverTime} by the server arrived at {@code receivedAtNanos} (on the ticker). */
    synchronized void observe(Timestamp serverTime, long receivedAtNanos) {
        if (serverTime.getSeconds() == 0 && serverTime.getNanos() == 0) {
            return; // an older server that does not stamp its messages
        }
        samples.addLast(new Sample(receivedAtNanos, epochNanos(serverTime) - receivedAtNanos));
        dropOlderThan(receivedAtNanos);
    }

    /** Forgets every sample: a new stream, perhaps to another server with its own clock. */
    synchronized void reset() {
        samples.clear();
    }

    /**
     * When a command the server stamped {@code sentAt} was sent, on the ticker: its arrival less
     * its estimated transit, or its arrival when no estimate can be made.
     */
    synchronized long sentAtNanos(@Nullable Timestamp sentAt, long receivedAtNanos) {
        dropOlderThan(ticker.nanoTime());
        if (sentAt == null || (sentAt.getSeconds() == 0 && sentAt.getNanos() == 0) || samples.isEmpty()) {
            return receivedAtNanos;
        }
        long offset = Long.MIN_VALUE;
        for (Sample sample : samples) {
            offset = Math.max(offset, sample.offsetNanos());
        }
        long transit = receivedAtNanos + offset - epochNanos(sentAt);
        return receivedAtNanos - Math.max(0, transit);
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
