package io.printbridge.server.dashboard;

import io.micronaut.http.MutableHttpResponse;

/**
 * Headers on every dashboard answer. The Content-Security-Policy allows script, style, images and
 * connections from the server itself only: no inline script or style attribute can run, so even
 * markup that escaped {@link Html} would stay inert; no page may frame the dashboard
 * (clickjacking an "open the drawer" button).
 */
final class SecurityHeaders {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {}

    static <T> MutableHttpResponse<T> add(MutableHttpResponse<T> response) {
        return response.header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }
}
