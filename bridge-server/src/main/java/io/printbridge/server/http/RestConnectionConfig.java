package io.printbridge.server.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How many connections the REST port holds at once, and which give way at that bound ({@code
 * bridge.http.*}; see {@link RestConnectionLimit}).
 *
 * @param maxConnections the bound; 0 (the default) takes it from the open files the agents' port
 *     leaves ({@link RestConnectionLimit#maxConnections})
 * @param keptAliveIdleToClose how long a connection that carried requests must have been idle to be
 *     closed for a new one at the bound: a client's pool reuses its connections within milliseconds,
 *     and closing one it is about to send on would fail that request
 */
@ConfigurationProperties("bridge.http")
public record RestConnectionConfig(
        @Bindable(defaultValue = "0") @Min(0) int maxConnections,
        @Bindable(defaultValue = "5s") @NotNull Duration keptAliveIdleToClose) {

    public RestConnectionConfig {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("bridge.http.max-connections: " + maxConnections
                    + " (expected: 0, for a bound taken from the open-file limit, or more)");
        }
        if (keptAliveIdleToClose == null || keptAliveIdleToClose.isNegative()) {
            throw new IllegalArgumentException("bridge.http.kept-alive-idle-to-close: " + keptAliveIdleToClose
                    + " (expected: a duration of 0 or more, e.g. 5s)");
        }
    }
}
