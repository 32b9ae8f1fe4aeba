package io.printbridge.server.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of every error the API returns: {@code {"error":{"code":…,"message":…}}}. */
public record ApiError(Detail error) {

    /**
     * @param code stable, for programs: {@code UNAUTHENTICATED}, {@code INVALID_REQUEST}, {@code UNKNOWN_STORE}…
     * @param message for people: names what was wrong and what was expected
     * @param details one entry per wrong field, where there can be several (an invalid invoice)
     */
    public record Detail(
            String code, String message, @Nullable List<FieldError> details) {}

    /** One wrong field: its path in the request body ({@code invoice.lines[0].quantity}) and what is wrong. */
    public record FieldError(String path, String message) {}

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(code, message, null));
    }

    public static ApiError of(String code, String message, @Nullable List<FieldError> details) {
        return new ApiError(new Detail(code, message, details));
    }
}
