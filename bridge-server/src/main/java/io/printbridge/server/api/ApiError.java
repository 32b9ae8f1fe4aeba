package io.printbridge.server.api;

/** The body of every error the API returns: {@code {"error":{"code":…,"message":…}}}. */
public record ApiError(Detail error) {

    /**
     * @param code stable, for programs: {@code UNAUTHENTICATED}, {@code INVALID_REQUEST}, {@code UNKNOWN_STORE}…
     * @param message for people: names what was wrong and what was expected
     */
    public record Detail(String code, String message) {}

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(code, message));
    }
}
