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
 * @param silentToClose how long a connection that never sent a request must have been open to be
 *     closed for a new one at the bound: a client's new connection carries its request a moment
 *     later (later still on a server whose loops are behind)
 * @param idleToClose how long a connection that carried requests must have been idle to be closed for
 *     a new one: a pool sends on its connections again at any moment, and one closed as it sends fails
 *     that request (the longer the server's loops are behind, the wider that moment); an ERP with
 *     3,000 connections at 1,000 jobs/s lost 13 requests so with 2 s
 */
@ConfigurationProperties("bridge.http")
public record RestConnectionConfig(
        @Bindable(defaultValue = "0") @Min(0) int maxConnections,
        @Bindable(defaultValue = "2s") @NotNull Duration silentToClose,
        @Bindable(defaultValue = "30s") @NotNull Duration idleToClose) {

    public RestConnectionConfig {
        if (maxConnections < 0) {
            throw new IllegalArgumentException("bridge.http.max-connections: " + maxConnections
                    + " (expected: 0, for a bound taken from the open-file limit, or more)");
        }
        notNegative("bridge.http.silent-to-close", silentToClose, "2s");
        notNegative("bridge.http.idle-to-close", idleToClose, "30s");
    }

    private static void notNegative(String name, Duration value, String example) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(
                    name + ": " + value + " (expected: a duration of 0 or more, e.g. " + example + ")");
        }
    }
}
