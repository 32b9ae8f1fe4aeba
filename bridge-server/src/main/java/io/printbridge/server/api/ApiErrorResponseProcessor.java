package io.printbridge.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own errors (no such route, body too large, wrong method, unreadable
 * body) the same JSON shape as ours, so the ERP parses one error format.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String message = context.getErrors().isEmpty()
                ? status.getReason()
                : context.getErrors().get(0).getMessage();
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(ApiError.of(codeFor(status), message));
    }

    private static String codeFor(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case REQUEST_ENTITY_TOO_LARGE -> "BODY_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case UNAUTHORIZED -> "UNAUTHENTICATED";
            case FORBIDDEN -> "FORBIDDEN";
            case BAD_REQUEST -> "INVALID_REQUEST";
            default -> status.getCode() >= 500 ? "INTERNAL" : status.name();
        };
    }
}
