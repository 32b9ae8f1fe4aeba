package io.printbridge.server.dashboard;

import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.api.Scope;
import io.printbridge.server.db.ApiTokenRow;
import java.util.List;
import java.util.Locale;

/** The ERP's API tokens for admins: the list (never a token or its hash), a new one, revoking one. */
final class TokensPage {

    private TokensPage() {}

    static String main(Messages t, List<ApiTokenRow> tokens) {
        StringBuilder html = new StringBuilder(2048);
        html.append(Layout.title(t.get("tokens.title")))
                .append("<h1>")
                .append(Html.text(t.get("tokens.title")))
                .append("</h1><p class=\"quiet\">")
                .append(Html.text(t.get("tokens.configured")))
                .append("</p><table class=\"tokens\"><thead><tr><th>")
                .append(Html.text(t.get("tokens.name")))
                .append("</th><th>")
                .append(Html.text(t.get("tokens.stores")))
                .append("</th><th>")
                .append(Html.text(t.get("tokens.scopes")))
                .append("</th><th>")
                .append(Html.text(t.get("tokens.created")))
                .append("</th><th></th></tr></thead><tbody>");
        for (ApiTokenRow token : tokens) {
            html.append("<tr data-token=\"")
                    .append(Html.text(token.name()))
                    .append("\"><td>")
                    .append(Html.text(token.name()))
                    .append("</td><td>")
                    .append(Html.text(token.stores()))
                    .append("</td><td>")
                    .append(Html.text(token.scopes()))
                    .append("</td><td>")
                    .append(Html.text(t.time(token.createdAt())))
                    .append("</td><td>");
            if (token.revokedAt() != null) {
                html.append(Html.text(t.get("tokens.revokedAt", t.time(token.revokedAt()))));
            } else {
                html.append("<form method=\"post\" data-post action=\"/dashboard/tokens/")
                        .append(Html.url(token.name()))
                        .append("/revoke\" data-confirm=\"")
                        .append(Html.text(t.get("tokens.confirmRevoke", token.name())))
                        .append("\"><button type=\"submit\" class=\"danger revoke-token\">")
                        .append(Html.text(t.get("tokens.revoke")))
                        .append("</button></form>");
            }
            html.append("</td></tr>");
        }
        html.append("</tbody></table><h2>")
                .append(Html.text(t.get("tokens.create")))
                .append("</h2><form method=\"post\" data-post action=\"/dashboard/tokens\" class=\"new-token\">")
                .append("<label>")
                .append(Html.text(t.get("tokens.name")))
                .append("<input name=\"name\" id=\"token-name\" required maxlength=\"64\"></label><label>")
                .append(Html.text(t.get("tokens.stores")))
                .append(
                        "<input name=\"stores\" id=\"token-stores\" maxlength=\"2000\" placeholder=\"alger-01,oran-02\">")
                .append("</label>");
        for (Scope scope : Scope.values()) {
            String name = scope.wireName();
            html.append("<label><input type=\"checkbox\" name=\"scope-")
                    .append(name)
                    .append("\" value=\"on\"")
                    .append(scope == Scope.PRINT ? " checked" : "")
                    .append("> ")
                    .append(Html.text(name.toLowerCase(Locale.ROOT)))
                    .append("</label>");
        }
        html.append("<button type=\"submit\" id=\"token-create\">")
                .append(Html.text(t.get("tokens.create")))
                .append("</button></form>");
        return html.toString();
    }

    /** A new token, shown this once: the server keeps only its hash. */
    static String issued(Messages t, IssuedToken issued) {
        return Layout.title(t.get("tokens.title")) + "<h1>" + Html.text(t.get("tokens.issuedTitle", issued.name()))
                + "</h1><p class=\"code\" id=\"issued-token\">" + Html.text(issued.token()) + "</p><p>"
                + Html.text(t.get(
                        "tokens.issuedFor", String.join(",", issued.stores().asList()), Scope.join(issued.scopes())))
                + "</p><p class=\"quiet\">" + Html.text(t.get("tokens.once")) + "</p>"
                + "<p><a href=\"/dashboard/tokens\">" + Html.text(t.get("tokens.back")) + "</a></p>";
    }
}
