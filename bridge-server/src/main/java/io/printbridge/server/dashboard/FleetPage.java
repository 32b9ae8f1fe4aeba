package io.printbridge.server.dashboard;

import io.printbridge.server.api.PrinterStatusView;
import io.printbridge.server.api.StoreView;
import java.time.Instant;
import java.util.List;

/**
 * The fleet page's {@code <main>}: the fleet's alerts, filters (a GET form, so they land in the URL),
 * one row per store of the page, and links to the next and first pages.
 */
final class FleetPage {

    /**
     * Alerts listed at most; the rest are counted. A fleet-wide outage (a provider down for 2,000
     * shops) would otherwise make a list nobody reads and a page too heavy to refresh live.
     */
    static final int MAX_ALERTS_LISTED = 50;

    private FleetPage() {}

    static String title(Messages t, int alerts) {
        return alerts == 0 ? t.get("fleet.title") : t.get("fleet.titleWithAlerts", alerts);
    }

    /** A line about the server itself, its figure also in {@code data-<dataName>} for tests and scripts. */
    private static void serverAlert(StringBuilder html, String id, String dataName, long figure, String text) {
        html.append("<p id=\"")
                .append(id)
                .append("\" class=\"alert\" data-")
                .append(dataName)
                .append("=\"")
                .append(figure)
                .append("\">")
                .append(Html.text(text))
                .append("</p>");
    }

    static String main(Messages t, FleetQuery query, FleetView fleet) {
        List<FleetRow> shown = fleet.rows();
        List<Alert> alerts = fleet.alerts();
        List<String> versions = fleet.versions();
        StringBuilder html = new StringBuilder(4096);
        html.append(Layout.title(title(t, alerts.size())));
        html.append("<h1>").append(Html.text(t.get("fleet.title"))).append("</h1>");
        html.append("<p><a href=\"/dashboard/enrol\" id=\"enrol-link\">")
                .append(Html.text(t.get("enrol.link")))
                .append("</a></p>");

        // The server itself, not a store: said above the stores' alerts, in the alerts' colour.
        if (fleet.overloadRefusals() > 0) {
            serverAlert(
                    html,
                    "overload",
                    "refused",
                    fleet.overloadRefusals(),
                    t.get("fleet.overload", fleet.overloadRefusals()));
        }
        if (fleet.agentPortFullAt() > 0) {
            serverAlert(
                    html,
                    "port-full",
                    "bound",
                    fleet.agentPortFullAt(),
                    t.get("fleet.portFull", fleet.agentPortFullAt()));
        }
        if (fleet.restPortFullAt() > 0) {
            serverAlert(
                    html,
                    "rest-full",
                    "bound",
                    fleet.restPortFullAt(),
                    t.get("fleet.restFull", fleet.restPortFullAt()));
        }
        html.append("<section id=\"alerts\" data-count=\"")
                .append(alerts.size())
                .append("\"><h2>")
                .append(Html.text(t.get("fleet.alerts", alerts.size())))
                .append("</h2>");
        if (alerts.isEmpty()) {
            html.append("<p class=\"quiet\">")
                    .append(Html.text(t.get("fleet.noAlerts")))
                    .append("</p>");
        } else {
            html.append("<ul>");
            for (Alert alert : alerts.subList(0, Math.min(alerts.size(), MAX_ALERTS_LISTED))) {
                String detail = alert.kind() == Alert.Kind.OFFLINE || alert.kind() == Alert.Kind.REVOKED
                        ? t.time(Instant.parse(alert.detail()))
                        : alert.detail();
                html.append("<li class=\"alert ")
                        .append(alert.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .append("\" data-alert=\"")
                        .append(alert.kind().name())
                        .append("\"><a href=\"/dashboard/stores/")
                        .append(Html.url(alert.storeId()))
                        .append("\">")
                        .append(Html.text(t.get("alert." + alert.kind().name(), alert.storeId(), detail)))
                        .append("</a></li>");
            }
            html.append("</ul>");
            if (alerts.size() > MAX_ALERTS_LISTED) {
                html.append("<p class=\"quiet\" id=\"alerts-more\">")
                        .append(Html.text(t.get("fleet.moreAlerts", alerts.size() - MAX_ALERTS_LISTED)))
                        .append("</p>");
            }
        }
        html.append("</section>");

        html.append("<form id=\"filters\" method=\"get\" action=\"/dashboard\" class=\"filters\">")
                .append("<input type=\"search\" name=\"q\" id=\"filter-q\" value=\"")
                .append(Html.text(query.search()))
                .append("\" placeholder=\"")
                .append(Html.text(t.get("fleet.search")))
                .append("\" maxlength=\"64\">");
        checkbox(html, "offline", query.offline(), t.get("fleet.offline"));
        checkbox(html, "problems", query.problems(), t.get("fleet.problems"));
        checkbox(html, "expiring", query.expiring(), t.get("fleet.expiring"));
        html.append("<label>")
                .append(Html.text(t.get("fleet.version")))
                .append(" <select name=\"version\" id=\"filter-version\"><option value=\"\">")
                .append(Html.text(t.get("fleet.anyVersion")))
                .append("</option>");
        for (String version : versions) {
            html.append("<option")
                    .append(version.equals(query.version()) ? " selected" : "")
                    .append(" value=\"")
                    .append(Html.text(version))
                    .append("\">")
                    .append(Html.text(version))
                    .append("</option>");
        }
        html.append("</select></label><button type=\"submit\" id=\"filter-apply\">")
                .append(Html.text(t.get("fleet.apply")))
                .append("</button> <a href=\"/dashboard\">")
                .append(Html.text(t.get("fleet.clear")))
                .append("</a></form>");

        html.append("<p class=\"quiet\" id=\"fleet-count\">")
                .append(Html.text(t.get("fleet.count", fleet.matching(), fleet.fleetSize())))
                .append("</p>");
        if (shown.isEmpty()) {
            html.append("<p>").append(Html.text(t.get("fleet.none"))).append("</p>");
            pager(html, t, query, fleet);
            return html.toString();
        }
        html.append("<table class=\"fleet\"><thead><tr>");
        for (String column : List.of(
                "col.store",
                "col.state",
                "col.lastSeen",
                "col.connectedSince",
                "col.agent",
                "col.certificate",
                "col.printers",
                "col.waiting",
                "col.failed24h")) {
            html.append("<th>").append(Html.text(t.get(column))).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (FleetRow row : shown) {
            row(html, t, row);
        }
        html.append("</tbody></table>");
        pager(html, t, query, fleet);
        return html.toString();
    }

    /**
     * Links to the next page (while there is one) and back to the first (once past it), keeping the
     * filters. No "previous": keyset pages are walked forward, and the browser's back button goes back.
     */
    private static void pager(StringBuilder html, Messages t, FleetQuery query, FleetView fleet) {
        if (query.after().isEmpty() && fleet.next() == null) {
            return;
        }
        html.append("<nav class=\"pager\" id=\"fleet-pager\">");
        if (!query.after().isEmpty()) {
            html.append("<a id=\"page-first\" href=\"")
                    .append(Html.text(query.href(null)))
                    .append("\">")
                    .append(Html.text(t.get("fleet.firstPage")))
                    .append("</a> ");
        }
        if (fleet.next() != null) {
            html.append("<a id=\"page-next\" rel=\"next\" href=\"")
                    .append(Html.text(query.href(fleet.next())))
                    .append("\">")
                    .append(Html.text(t.get("fleet.nextPage")))
                    .append("</a>");
        }
        html.append("</nav>");
    }

    private static void row(StringBuilder html, Messages t, FleetRow row) {
        StoreView store = row.store();
        html.append("<tr data-store=\"")
                .append(Html.text(store.storeId()))
                .append("\" data-online=\"")
                .append(store.online())
                .append("\">");
        cell(html, t.get("col.store"))
                .append("<a href=\"/dashboard/stores/")
                .append(Html.url(store.storeId()))
                .append("\">")
                .append(Html.text(store.storeId()))
                .append("</a></td>");
        cell(html, t.get("col.state"))
                .append(StorePage.onlineBadge(t, store.online()))
                .append("</td>");
        cell(html, t.get("col.lastSeen"))
                .append(Html.text(t.time(store.lastSeen())))
                .append("</td>");
        cell(html, t.get("col.connectedSince"))
                .append(store.connectedSince() == null ? "–" : Html.text(t.time(store.connectedSince())))
                .append("</td>");
        cell(html, t.get("col.agent"))
                .append("<span class=\"version\">")
                .append(Html.text(store.agentVersion()))
                .append("</span> <span class=\"host\">")
                .append(Html.text(store.hostname()))
                .append("</span></td>");
        cell(html, t.get("col.certificate"))
                .append(StorePage.certificate(t, store))
                .append("</td>");
        cell(html, t.get("col.printers"));
        for (PrinterStatusView printer : store.printers()) {
            html.append(StorePage.printerBadge(t, printer)).append(' ');
        }
        html.append("</td>");
        cell(html, t.get("col.waiting")).append(row.waiting()).append("</td>");
        cell(html, t.get("col.failed24h"))
                .append(row.failed24h())
                .append(" / ")
                .append(row.finished24h())
                .append("</td></tr>");
    }

    /** A cell that names its column, for the phone layout where the table becomes cards. */
    private static StringBuilder cell(StringBuilder html, String column) {
        return html.append("<td data-label=\"").append(Html.text(column)).append("\">");
    }

    private static void checkbox(StringBuilder html, String name, boolean checked, String label) {
        html.append("<label><input type=\"checkbox\" name=\"")
                .append(name)
                .append("\" id=\"filter-")
                .append(name)
                .append("\" value=\"1\"")
                .append(checked ? " checked" : "")
                .append("> ")
                .append(Html.text(label))
                .append("</label>");
    }
}
