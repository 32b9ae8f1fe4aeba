package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * The live event stream ({@code bridge.live.*}).
 *
 * @param buffer events one stream may hold for a client that reads slower than they come; one
 *     more ends that stream with an {@code overflow} event, so memory stays bounded
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open
 * @param maxStreamsPerReader streams one API token, or one dashboard user, holds open at once
 *     ({@link LiveStreamQuota}); past it a new one is refused (the API's {@code 429 TOO_MANY_STREAMS})
 */
@ConfigurationProperties("bridge.live")
public record LiveConfig(
        @Bindable(defaultValue = "256") @Positive int buffer,
        @Bindable(defaultValue = "15s") @NotNull Duration heartbeat,
        @Bindable(defaultValue = "16") @Positive int maxStreamsPerReader) {

    public LiveConfig {
        requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException(
                    "bridge.live.heartbeat: " + heartbeat + " (expected: a positive duration, e.g. 15s)");
        }
    }
}
