package io.printbridge.server.http;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How long the REST port waits for a request to arrive ({@code bridge.http.*}). A connection
 * whose request is not read in time is closed without an answer.
 *
 * @param requestHeadTimeout from the first byte of a request to the end of its head (request
 *     line and headers); a head is at most a few kilobytes
 * @param requestBodyTimeout from the end of the head to the end of the body; the largest body
 *     (2 MB) must arrive at 70 kB/s or more with the default
 */
@ConfigurationProperties("bridge.http")
public record HttpReadConfig(
        @Bindable(defaultValue = "10s") @NotNull Duration requestHeadTimeout,
        @Bindable(defaultValue = "30s") @NotNull Duration requestBodyTimeout) {

    public HttpReadConfig {
        positive("bridge.http.request-head-timeout", requestHeadTimeout, "10s");
        positive("bridge.http.request-body-timeout", requestBodyTimeout, "30s");
    }

    private static void positive(String name, Duration value, String example) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: a positive duration, e.g. " + example + ")");
        }
    }
}
