package io.printbridge.server.dashboard;

import io.printbridge.server.dashboard.users.Role;
import org.jspecify.annotations.Nullable;

/**
 * The frame of every dashboard page: the head (stylesheet and the one script, both from the
 * jar: no inline script, which the Content-Security-Policy forbids anyway), the navigation with
 * who is signed in, the connection banner and the {@code <main>} that live updates replace.
 */
final class Layout {

    static final String FRAGMENT_HEADER = "X-Dashboard-Fragment";

    private Layout() {}

    /**
     * A whole page.
     *
     * @param session null for the login page
     * @param main the page's own markup, already escaped; with its title in {@code #page-title}
     * @param live whether the page follows the server's events (fleet, store, job)
     */
    static String page(Messages t, String title, @Nullable DashboardSession session, String main, boolean live) {
        return page(t, title, session, main, live, null);
    }

    /** {@link #page}, whose live updates come only from {@code storeId}'s events when it is given. */
    static String page(
            Messages t,
            String title,
            @Nullable DashboardSession session,
            String main,
            boolean live,
            @Nullable String storeId) {
        StringBuilder html = new StringBuilder(main.length() + 2048);
        html.append("<!doctype html>\n<html lang=\"")
                .append(t.language())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (session != null) {
            html.append("<meta name=\"csrf-token\" content=\"")
                    .append(Html.text(session.csrfToken()))
                    .append("\">");
        }
        html.append("<title>")
                .append(Html.text(title))
                .append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/dashboard/assets/dashboard.css\">")
                .append("<script type=\"module\" src=\"/dashboard/assets/dashboard.js\"></script>")
                .append("</head><body>");
        if (session != null) {
            html.append("<header><nav><a class=\"brand\" href=\"/dashboard\">")
                    .append(Html.text(t.get("app.name")))
                    .append("</a><a href=\"/dashboard\">")
                    .append(Html.text(t.get("nav.fleet")))
                    .append("</a>");
            if (session.user().role().allows(Role.ADMIN)) {
                html.append("<a href=\"/dashboard/users\">")
                        .append(Html.text(t.get("nav.users")))
                        .append("</a><a href=\"/dashboard/tokens\">")
                        .append(Html.text(t.get("nav.tokens")))
                        .append("</a>");
            }
            html.append("<span class=\"who\">")
                    .append(Html.text(t.get(
                            "nav.signedInAs",
                            session.user().name(),
                            t.get("role." + session.user().role().name()))))
                    .append("</span>")
                    .append("<form method=\"post\" action=\"/dashboard/logout\" data-post>")
                    .append("<button type=\"submit\" id=\"logout\">")
                    .append(Html.text(t.get("nav.logout")))
                    .append("</button></form></nav></header>");
            html.append("<div id=\"connection\" class=\"banner\" hidden data-lost=\"")
                    .append(Html.text(t.get("connection.lost")))
                    .append("\" data-back=\"")
                    .append(Html.text(t.get("connection.back")))
                    .append("\"></div><div id=\"flash\" class=\"banner error\" hidden></div>");
        }
        html.append("<main id=\"main\"")
                .append(live ? " data-live" : "")
                .append(storeId == null ? "" : " data-store=\"" + Html.text(storeId) + "\"")
                .append(">")
                .append(main)
                .append("</main></body></html>");
        return html.toString();
    }

    /** The hidden element the script reads the tab title from after a live update. */
    static String title(String title) {
        return "<span id=\"page-title\" hidden>" + Html.text(title) + "</span>";
    }
}
