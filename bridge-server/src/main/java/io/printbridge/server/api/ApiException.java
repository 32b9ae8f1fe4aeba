package io.printbridge.server.api;

import io.micronaut.http.HttpStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An API call that cannot be served, with the status and error body to answer with. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final @Nullable List<ApiError.FieldError> details;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, @Nullable List<ApiError.FieldError> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details == null ? null : List.copyOf(details);
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
        String message = getMessage();
        return new ApiException(status, code, path + (message.startsWith("request body") ? message.substring(12) : "." + message),
                details == null ? null : details.stream().map(d -> new ApiError.FieldError(path + "." + d.path(), d.message())).toList());
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
