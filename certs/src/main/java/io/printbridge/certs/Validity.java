package io.printbridge.certs;

import java.time.Duration;
import java.time.Instant;

/** The window in which a certificate is valid. */
public record Validity(Instant notBefore, Instant notAfter) {

    public Validity {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException(
                    "validity: notAfter " + notAfter + " (expected: after notBefore " + notBefore + ")");
        }
    }

    /** Valid from a few minutes ago (clock skew between PCs) for {@code duration}. */
    public static Validity fromNow(Duration duration) {
        Instant now = Instant.now();
        return new Validity(now.minus(Duration.ofMinutes(5)), now.plus(duration));
    }
}
