package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code /dashboard} request but the login page and the static assets needs a live session
 * (its cookie); without one a page is redirected to the login, anything else is a 401. Every
 * request that is not a GET or HEAD must also carry the session's CSRF token in the
 * {@code X-CSRF-Token} header (403 otherwise): another site can make a browser send the cookie,
 * not read the token. Like the API's token filter, this runs before any controller, so a new page
 * or action is covered without remembering a check. Roles are checked by the actions themselves.
 */
@ServerFilter({"/dashboard", "/dashboard/**"})
final class DashboardFilter {

    static final String COOKIE = "printbridge_dashboard";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String LOGIN = "/dashboard/login";

    private final DashboardSessions sessions;

    DashboardFilter(DashboardSessions sessions) {
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals(LOGIN) || path.startsWith("/dashboard/assets/")) {
            return null;
        }
        Optional<DashboardSession> session =
                request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(sessions::use);
        boolean reads = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        if (session.isEmpty()) {
            if (reads
                    && !path.equals("/dashboard/events")
                    && request.getHeaders().get(Layout.FRAGMENT_HEADER) == null) {
                return SecurityHeaders.add(HttpResponse.seeOther(URI.create(LOGIN)));
            }
            return text(HttpStatus.UNAUTHORIZED, "no dashboard session (expected: log in at " + LOGIN + ")");
        }
        if (!reads
                && !sameToken(
                        request.getHeaders().get(CSRF_HEADER), session.get().csrfToken())) {
            return text(
                    HttpStatus.FORBIDDEN,
                    "missing or wrong CSRF token (expected: the page's token in the " + CSRF_HEADER + " header)");
        }
        request.setAttribute(DashboardSession.ATTRIBUTE, session.get());
        return null;
    }

    @ResponseFilter
    void headers(MutableHttpResponse<?> response) {
        SecurityHeaders.add(response);
    }

    private static boolean sameToken(@Nullable String given, String expected) {
        return given != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static MutableHttpResponse<String> text(HttpStatus status, String message) {
        return SecurityHeaders.add(HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(message));
    }
}
