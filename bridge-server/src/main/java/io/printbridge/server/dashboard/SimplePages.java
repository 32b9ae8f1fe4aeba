package io.printbridge.server.dashboard;

import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The small pages: login, the drawer's confirmation, users, and a refusal. */
final class SimplePages {

    private SimplePages() {}

    static String login(Messages t, @Nullable String problem, String user) {
        StringBuilder html = new StringBuilder(1024);
        html.append("<h1>")
                .append(Html.text(t.get("app.name")))
                .append("</h1><form method=\"post\" action=\"/dashboard/login\" class=\"login\" id=\"login\">");
        if (problem != null) {
            html.append("<p class=\"banner error\" id=\"login-problem\">")
                    .append(Html.text(problem))
                    .append("</p>");
        }
        html.append("<label>")
                .append(Html.text(t.get("login.user")))
                .append("<input name=\"user\" id=\"user\" autocomplete=\"username\" required maxlength=\"64\" value=\"")
                .append(Html.text(user))
                .append("\"></label><label>")
                .append(Html.text(t.get("login.password")))
                .append("<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\""
                        + " required maxlength=\"200\"></label><button type=\"submit\" id=\"login-submit\">")
                .append(Html.text(t.get("login.submit")))
                .append("</button></form>");
        return html.toString();
    }

    static String confirmDrawer(Messages t, String storeId, String printer) {
        String base = "/dashboard/stores/" + Html.url(storeId);
        return Layout.title(t.get("action.openDrawer")) + "<h1>" + Html.text(t.get("action.openDrawer"))
                + "</h1><p id=\"confirm-question\">" + Html.text(t.get("action.confirmDrawer", printer, storeId))
                + "</p><form method=\"post\" data-post action=\"" + base + "/drawer\">"
                + "<input type=\"hidden\" name=\"printer\" value=\"" + Html.text(printer) + "\">"
                + "<button type=\"submit\" id=\"confirm-drawer\" class=\"danger\">" + Html.text(t.get("action.confirm"))
                + "</button> <a href=\"" + base + "\">" + Html.text(t.get("action.cancel")) + "</a></form>";
    }

    /** Asks which store a new enrolment code is for (a shop not in the fleet yet). */
    static String enrolForm(Messages t) {
        return Layout.title(t.get("enrol.title")) + "<h1>" + Html.text(t.get("enrol.title")) + "</h1>"
                + "<form method=\"post\" data-post action=\"/dashboard/enrolment-codes\">"
                + "<label for=\"enrol-store\">" + Html.text(t.get("enrol.storeId")) + "</label> "
                + "<input name=\"storeId\" id=\"enrol-store\" required maxlength=\"63\""
                + " pattern=\"[a-z0-9]([a-z0-9-]*[a-z0-9])?\"> "
                + "<button type=\"submit\" id=\"enrol-submit\">" + Html.text(t.get("action.enrolmentCode"))
                + "</button></form>";
    }

    /** A new enrolment code, shown this once: what IT reads out or types at the shop. */
    static String enrolmentCode(Messages t, NewEnrolmentCode code) {
        return Layout.title(t.get("enrol.title")) + "<h1>" + Html.text(t.get("enrol.title")) + "</h1>"
                + "<p>" + Html.text(t.get("enrol.for", code.storeId(), t.time(code.expiresAt()))) + "</p>"
                + "<p class=\"code\" id=\"enrolment-code-value\">" + Html.text(code.code()) + "</p>"
                + "<p>" + Html.text(t.get("enrol.command")) + "</p>"
                + "<pre id=\"enrolment-command\">" + Html.text(code.agentCommand()) + "</pre>"
                + "<p class=\"quiet\">" + Html.text(t.get("enrol.once")) + "</p>"
                + "<p><a href=\"/dashboard/stores/" + Html.url(code.storeId()) + "\">"
                + Html.text(t.get("enrol.back")) + "</a></p>";
    }

    static String refusal(Messages t, String message) {
        return Layout.title(t.get("error.title")) + "<h1>" + Html.text(t.get("error.title"))
                + "</h1><p class=\"banner error\" id=\"refusal\">" + Html.text(message) + "</p>";
    }

    static String users(Messages t, List<DashboardUser> users) {
        StringBuilder html = new StringBuilder(2048);
        html.append(Layout.title(t.get("users.title")))
                .append("<h1>")
                .append(Html.text(t.get("users.title")))
                .append("</h1><table class=\"users\"><thead><tr><th>")
                .append(Html.text(t.get("users.name")))
                .append("</th><th>")
                .append(Html.text(t.get("users.role")))
                .append("</th><th>")
                .append(Html.text(t.get("users.language")))
                .append("</th><th>")
                .append(Html.text(t.get("users.zone")))
                .append("</th></tr></thead><tbody>");
        for (DashboardUser user : users) {
            html.append("<tr data-user=\"")
                    .append(Html.text(user.name()))
                    .append("\"><td>")
                    .append(Html.text(user.name()))
                    .append("</td><td>")
                    .append(Html.text(t.get("role." + user.role().name())))
                    .append("<form method=\"post\" data-post class=\"role\" action=\"/dashboard/users/")
                    .append(Html.url(user.name()))
                    .append("/role\"><select name=\"role\">");
            for (Role role : Role.values()) {
                html.append("<option value=\"")
                        .append(role.name().toLowerCase(Locale.ROOT))
                        .append(role == user.role() ? "\" selected>" : "\">")
                        .append(Html.text(t.get("role." + role.name())))
                        .append("</option>");
            }
            html.append("</select><button type=\"submit\">")
                    .append(Html.text(t.get("users.changeRole")))
                    .append("</button></form></td><td>")
                    .append(Html.text(user.locale().getLanguage()))
                    .append("</td><td>")
                    .append(Html.text(user.timeZone().getId()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table><h2>")
                .append(Html.text(t.get("users.create")))
                .append("</h2><form method=\"post\" data-post action=\"/dashboard/users\" class=\"new-user\">")
                .append("<label>")
                .append(Html.text(t.get("users.name")))
                .append("<input name=\"name\" required maxlength=\"64\"></label><label>")
                .append(Html.text(t.get("users.password")))
                .append("<input type=\"password\" name=\"password\" required minlength=\"10\" maxlength=\"200\""
                        + " autocomplete=\"new-password\"></label><label>")
                .append(Html.text(t.get("users.role")))
                .append("<select name=\"role\">");
        for (Role role : Role.values()) {
            html.append("<option value=\"")
                    .append(role.name().toLowerCase(Locale.ROOT))
                    .append("\">")
                    .append(Html.text(t.get("role." + role.name())))
                    .append("</option>");
        }
        html.append("</select></label><label>")
                .append(Html.text(t.get("users.language")))
                .append("<select name=\"locale\">");
        for (String locale : DashboardUsers.LOCALES) {
            html.append("<option>").append(locale).append("</option>");
        }
        html.append("</select></label><label>")
                .append(Html.text(t.get("users.zone")))
                .append("<input name=\"zone\" value=\"")
                .append(DashboardUsers.DEFAULT_TIME_ZONE)
                .append("\" maxlength=\"64\"></label><button type=\"submit\">")
                .append(Html.text(t.get("users.create")))
                .append("</button></form>");
        return html.toString();
    }
}
