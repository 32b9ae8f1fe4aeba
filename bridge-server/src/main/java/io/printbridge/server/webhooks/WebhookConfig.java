package io.printbridge.server.webhooks;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One webhook endpoint as configured ({@code bridge.webhooks.<name>.*}); checked, with messages
 * naming the setting, by {@link Webhook#of}.
 *
 * @param name the endpoint's name, in logs and in {@code webhook_deliveries}
 * @param url where deliveries are POSTed: http:// or https://
 * @param secret the HMAC-SHA256 key the receiver shares; at least 16 characters
 * @param stores the store ids whose jobs are sent; "*" for all
 * @param maxAttempts attempts before a delivery is given up and kept as FAILED
 * @param firstRetry the wait after the first failed attempt; it doubles after each failure
 * @param maxRetry the longest wait between two attempts
 * @param timeout how long one attempt may take, connection included
 * @param events what it is sent: {@code job.final} (the default), {@code attendance.recorded},
 *     {@code clock.status}, {@code clock.drift}; a webhook configured before attendance keeps
 *     receiving job.final only
 */
@EachProperty("bridge.webhooks")
public record WebhookConfig(
        @Parameter String name,
        @Nullable String url,
        @Nullable String secret,
        @Bindable(defaultValue = "*") List<String> stores,
        @Bindable(defaultValue = "10") int maxAttempts,
        @Bindable(defaultValue = "15s") Duration firstRetry,
        @Bindable(defaultValue = "20m") Duration maxRetry,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "job.final") List<String> events) {

    /** Without the secret: configuration may end up in a log. */
    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + url + ", stores=" + stores + ", maxAttempts=" + maxAttempts
                + ", firstRetry=" + firstRetry + ", maxRetry=" + maxRetry + ", timeout=" + timeout + ", events="
                + events
                + "]";
    }
}
