package io.printbridge.server.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.printbridge.server.dashboard.users.Role;
import org.jspecify.annotations.Nullable;

/** How a page's markup becomes an answer: the whole page, or only its {@code <main>} for a live update. */
final class Pages {

    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private Pages() {}

    static MutableHttpResponse<String> page(
            HttpRequest<?> request,
            HttpStatus status,
            Messages t,
            String title,
            DashboardSession session,
            String main,
            boolean live) {
        return page(request, status, t, title, session, main, live, null);
    }

    /** A page whose live updates follow only {@code storeId}'s events, when given. */
    static MutableHttpResponse<String> page(
            HttpRequest<?> request,
            HttpStatus status,
            Messages t,
            String title,
            DashboardSession session,
            String main,
            boolean live,
            @Nullable String storeId) {
        String body = request.getHeaders().get(Layout.FRAGMENT_HEADER) != null
                ? main
                : Layout.page(t, title, session, main, live, storeId);
        return HttpResponse.<String>status(status).contentType(HTML).body(body);
    }

    static MutableHttpResponse<String> text(HttpStatus status, String message) {
        return HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(message);
    }

    /** The page that refuses a user below {@code needed}, saying which role the page asks for. */
    static MutableHttpResponse<String> forbidden(HttpRequest<?> request, DashboardSession session, Role needed) {
        Messages t = messages(session);
        return page(
                request,
                HttpStatus.FORBIDDEN,
                t,
                t.get("error.title"),
                session,
                SimplePages.refusal(
                        t, t.get("error.forbidden", ActionForbiddenException.reason(session.user(), needed))),
                false);
    }

    static Messages messages(DashboardSession session) {
        return Messages.of(session.user().locale(), session.user().timeZone());
    }
}
