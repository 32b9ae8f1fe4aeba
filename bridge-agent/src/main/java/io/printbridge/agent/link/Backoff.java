package io.printbridge.agent.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with full jitter: the n-th wait is uniform in [0, min(cap, base × 2^n)).
 * Full jitter spreads a thousand shops that lost the server at the same second over the whole
 * window, instead of bringing them back in synchronised waves. A dial that a busy server closed
 * before its TLS handshake (its handshake queue full) is such a failure: the windows grow until the
 * crowd is served, and the cap bounds how long any one shop waits between two tries, so none is
 * left out for good while the server admits handshakes first come, first served. The server may
 * narrow the cap ({@link #limitTo}, from its Welcome): a few shops then come back within seconds of
 * a crash, while a large fleet keeps windows as wide as the server needs to handshake it.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;
    private int attempt;
    /** The widest window now: {@link #cap}, or narrower as the server asked ({@link #limitTo}). */
    private long ceilingMillis;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException(
                    "backoff: base " + base + ", cap " + cap + " (expected: 0 < base <= cap)");
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
        this.ceilingMillis = cap.toMillis();
    }

    /** The wait before the next attempt; each call doubles the window up to the cap. */
    public synchronized Duration next() {
        long ceiling = ceilingMillis;
        if (attempt < 31) {
            ceiling = Math.min(ceiling, base.toMillis() << attempt);
        }
        attempt++;
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /**
     * The windows grow no wider than {@code window} from now on (the server's Welcome says how soon
     * its agents are to come back after a crash, sized to its fleet); never wider than the cap nor
     * narrower than the base. Null: up to the cap again (a server that says nothing).
     */
    public synchronized void limitTo(@Nullable Duration window) {
        long millis = window == null ? cap.toMillis() : window.toMillis();
        ceilingMillis = Math.max(base.toMillis(), Math.min(cap.toMillis(), millis));
    }

    /** The widest window now: the cap, or the server's return window if narrower. */
    public synchronized Duration ceiling() {
        return Duration.ofMillis(ceilingMillis);
    }

    /** Back to the smallest window, once a connection has proved healthy. */
    public synchronized void reset() {
        attempt = 0;
    }
}
