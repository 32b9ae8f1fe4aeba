package io.printbridge.server.webhooks;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after {@code firstRetry}, doubling after each failure
 * up to {@code maxRetry}, each wait shortened by a random part of up to half, so that many
 * deliveries failing together (the ERP was down) do not all come back at the same moment. The
 * defaults (10 attempts, 15 s doubling to 20 min) spread the attempts over 36 to 72 minutes.
 */
record RetryPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry) {

    /** Whether a delivery that has failed {@code attempts} times is given up. */
    boolean givesUpAfter(int attempts) {
        return attempts >= maxAttempts;
    }

    /** The wait before the next attempt of a delivery that has failed {@code attempts} times (at least 1). */
    Duration delayAfter(int attempts, RandomGenerator random) {
        long cap = maxRetry.toMillis();
        long base = Math.min(firstRetry.toMillis(), cap);
        for (int i = 1; i < attempts && base < cap; i++) {
            base = base > cap / 2 ? cap : base * 2;
        }
        long jitter = random.nextLong(base / 2 + 1);
        return Duration.ofMillis(base - jitter);
    }
}
