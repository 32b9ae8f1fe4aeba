package io.printbridge.agent.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base × 2^n)).
 * Full jitter spreads a thousand shops that lost the server at the same second over the whole
 * window, instead of bringing them back in synchronised waves. A dial that a busy server closed
 * before its TLS handshake (its handshake queue full) is such a failure: the windows grow until the
 * crowd is served, and the cap bounds how long any one shop waits between two tries, so none is
 * left out for good while the server admits handshakes first come, first served.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;
    private int attempt;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "backoff: base " + base + ", cap " + cap + " (expected: 0 < base <= cap)");
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait before the next attempt; each call doubles the window up to the cap. */
    public synchronized Duration next() {
        long ceiling = cap.toMillis();
        if (attempt < 31) {
            ceiling = Math.min(ceiling, base.toMillis() << attempt);
        }
        attempt++;
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /** Back to the smallest window, once a connection has proved healthy. */
    public synchronized void reset() {
        attempt = 0;
    }
}
