package io.printbridge.server.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * How many connections the REST port holds at once ({@code bridge.http.max-connections}).
 *
 * @param maxConnections the bound; 0 (the default) takes it from the open files the agents' port
 *     leaves ({@link RestConnectionLimit#maxConnections})
 */
@ConfigurationProperties("bridge.http")
public record RestConnectionConfig(
        @Bindable(defaultValue = "0") @Min(0) int maxConnections) {

    public RestConnectionConfig {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("bridge.http.max-connections: " + maxConnections
                    + " (expected: 0, for a bound taken from the open-file limit, or more)");
        }
    }
}
