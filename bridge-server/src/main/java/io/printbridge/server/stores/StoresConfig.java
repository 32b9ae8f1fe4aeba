package io.printbridge.server.stores;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How what the server learns of stores is recorded ({@code bridge.stores.*}).
 *
 * @param flushInterval how often pending store changes (connections, printer statuses) are
 *     written, all stores in one transaction: each store costs at most one write per interval
 * @param seenWriteInterval how often a connected store's "last seen" alone is written: a heartbeat
 *     is not a database write (memory answers the API; the database needs it after a restart, and
 *     a disconnection writes it at once)
 * @param activeWithin a store not seen for longer (closed, or moved to another bridge) is left out
 *     of the fleet a Welcome's heartbeat interval is sized for, so that stores that will never come
 *     back do not slow every other shop's heartbeats; it counts again as soon as it connects
 */
@ConfigurationProperties("bridge.stores")
public record StoresConfig(
        @Bindable(defaultValue = "1s") @NotNull Duration flushInterval,
        @Bindable(defaultValue = "5m") @NotNull Duration seenWriteInterval,
        @Bindable(defaultValue = "30d") @NotNull Duration activeWithin) {}
