package io.printbridge.server.api;

import io.micronaut.http.HttpStatus;

/** An API call that cannot be served, with the status and error body to answer with. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
