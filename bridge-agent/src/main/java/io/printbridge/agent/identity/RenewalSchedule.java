package io.printbridge.agent.identity;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to renew, and when to put a renewed certificate in use. A certificate is renewed at half its
 * lifetime (from its notBefore to its notAfter), plus a random part of up to a tenth of it: shops
 * enrolled on the same day do not all renew in the same minute, and half a lifetime is left to retry
 * a renewal that fails (SPIRE's rule; step-ca renews at two thirds). The renewed certificate is put
 * in use at a random moment within a window, so a fleet renewed together does not reconnect together.
 */
public final class RenewalSchedule {

    /** The largest random part added to half the lifetime, as a fraction of the lifetime. */
    static final double JITTER_FRACTION = 0.1;

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1); a seeded one in tests */
    public RenewalSchedule(DoubleSupplier random) {
        this.random = requireNonNull(random, "random");
    }

    /** When to renew {@code certificate}. */
    public Instant dueAt(X509Certificate certificate) {
        return dueAt(
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    /** When to renew a certificate valid from {@code notBefore} to {@code notAfter}. */
    public Instant dueAt(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        if (lifetime.isNegative() || lifetime.isZero()) {
            return notBefore; // not a real validity: due at once
        }
        long lifetimeMillis = lifetime.toMillis();
        long jitterMillis = (long) (lifetimeMillis * JITTER_FRACTION * fraction());
        return notBefore.plusMillis(lifetimeMillis / 2 + jitterMillis);
    }

    /** How long after its arrival a renewed certificate is put in use: a random part of {@code window}. */
    public Duration switchDelay(Duration window) {
        return Duration.ofMillis((long) (window.toMillis() * fraction()));
    }

    private double fraction() {
        double value = random.getAsDouble();
        if (!(value >= 0 && value < 1)) {
            throw new IllegalStateException("random: " + value + " (expected: from 0 up to 1, excluded)");
        }
        return value;
    }
}
