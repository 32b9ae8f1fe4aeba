package io.printbridge.server.api;

import io.micronaut.http.HttpStatus;

/**
 * A refusal the ERP should retry, with a {@code Retry-After}: 429 when the store has as many jobs
 * waiting as it may, 503 when the server is stopping (its replacement takes the retry).
 */
final class RetryLaterApiException extends ApiException {

    private final long retryAfterSeconds;

    RetryLaterApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
        super(status, code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static RetryLaterApiException queueFull(String message, long retryAfterSeconds) {
        return new RetryLaterApiException(HttpStatus.TOO_MANY_REQUESTS, "QUEUE_FULL", message, retryAfterSeconds);
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
