package io.printbridge.server.api;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** An API call that cannot be served, with the status and error body to answer with. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final @Nullable List<ApiError.FieldError> details;
    /** With {@link #listing}: the message before the list of the details, kept to list them again under a new path. */
    private final @Nullable String headline;

    private final String message;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, @Nullable List<ApiError.FieldError> details) {
        this(status, code, message, details, null);
    }

    private ApiException(
            HttpStatus status,
            String code,
            String message,
            @Nullable List<ApiError.FieldError> details,
            @Nullable String headline) {
        super(message);
        this.message = message;
        this.status = status;
        this.code = code;
        this.details = details == null ? null : List.copyOf(details);
        this.headline = headline;
    }

    /**
     * An error with one detail per wrong field, whose message is {@code headline} followed by
     * every detail ({@code invoice refused, nothing will be printed: invoice.lines[2].quantiy: …}).
     */
    public static ApiException listing(
            HttpStatus status, String code, String headline, List<ApiError.FieldError> details) {
        return new ApiException(status, code, headline + ": " + listed(details), details, headline);
    }

    private static String listed(List<ApiError.FieldError> details) {
        return details.stream().map(d -> d.path() + ": " + d.message()).collect(Collectors.joining("; "));
    }

    /** What went wrong and what was expected, for the error body (never null, unlike {@code getMessage}). */
    public String message() {
        return message;
    }

    public @Nullable List<ApiError.FieldError> details() {
        return details;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
    }

    /**
     * This error as it concerns the element {@code path} of a larger request (a batch's
     * {@code jobs[3]}): its message and field paths start with that path.
     */
    public ApiException within(String path) {
        if (details != null && headline != null) {
            List<ApiError.FieldError> moved = details.stream()
                    .map(d -> new ApiError.FieldError(path + "." + d.path(), d.message()))
                    .toList();
            return new ApiException(status, code, path + ": " + headline + ": " + listed(moved), moved, headline);
        }
        return new ApiException(
                status,
                code,
                path + (message.startsWith("request body") ? message.substring(12) : "." + message),
                details == null
                        ? null
                        : details.stream()
                                .map(d -> new ApiError.FieldError(path + "." + d.path(), d.message()))
                                .toList());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
