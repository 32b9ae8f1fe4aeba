package io.printbridge.server.webhooks;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Makes one attempt of a delivery: a signed POST of its body, answered within the webhook's
 * timeout. Never throws and never blocks: the outcome comes back on the HTTP client's executor.
 */
@Singleton
@Requires(property = "bridge.webhooks")
final class WebhookSender {

    static final String EVENT_HEADER = "X-Printbridge-Event";
    static final String DELIVERY_HEADER = "X-Printbridge-Delivery";
    static final String TIMESTAMP_HEADER = "X-Printbridge-Timestamp";
    static final String SIGNATURE_HEADER = "X-Printbridge-Signature";

    /**
     * How one attempt went.
     *
     * @param status the receiver's HTTP status, if it answered
     * @param error why it failed, for the log and {@code last_error}; null when delivered
     */
    record Outcome(
            boolean delivered,
            @Nullable Integer status,
            @Nullable String error) {}

    private final HttpClient http;
    private final Clock clock;

    WebhookSender(@Named(WebhookBeans.WEBHOOKS) HttpClient http, Clock clock) {
        this.http = requireNonNull(http, "http");
        this.clock = requireNonNull(clock, "clock");
    }

    CompletableFuture<Outcome> send(Webhook webhook, WebhookDeliveryRow delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        // Signed at each attempt: the receiver may refuse a timestamp too far from its clock.
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(webhook.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "printbridge-bridge-server")
                .header(EVENT_HEADER, delivery.event())
                .header(DELIVERY_HEADER, delivery.id())
                .header(TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SIGNATURE_HEADER, WebhookSignature.sign(webhook.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> error != null
                            ? new Outcome(false, null, describe(error, webhook))
                            : outcome(response.statusCode()));
        } catch (RuntimeException e) {
            // sendAsync refuses at once when its executor is shut down (the server is stopping).
            return CompletableFuture.completedFuture(new Outcome(false, null, describe(e, webhook)));
        }
    }

    private static Outcome outcome(int status) {
        // Redirects are not followed (a POST would be replayed elsewhere): a 3xx is a failure.
        return status >= 200 && status < 300
                ? new Outcome(true, status, null)
                : new Outcome(false, status, "HTTP " + status);
    }

    private static String describe(Throwable error, Webhook webhook) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + webhook.timeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + webhook.url().getHost() + ": " + cause;
        }
        return cause.toString();
    }
}
