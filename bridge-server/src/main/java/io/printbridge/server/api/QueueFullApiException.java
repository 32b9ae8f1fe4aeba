package io.printbridge.server.api;

import io.micronaut.http.HttpStatus;

/** 429 with a Retry-After: the store has as many jobs waiting as it may. */
final class QueueFullApiException extends ApiException {

    private final long retryAfterSeconds;

    QueueFullApiException(String message, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "QUEUE_FULL", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
