package io.printbridge.server.dashboard;

import io.printbridge.server.api.CertificateView;
import io.printbridge.server.api.PrinterStatusView;
import io.printbridge.server.api.StoreView;
import io.printbridge.server.dashboard.users.Role;
import java.util.List;
import java.util.Locale;

/** A store's page: its agent, warnings, printers (with the operator's buttons), recent jobs and timeline. */
final class StorePage {

    private StorePage() {}

    static String main(
            Messages t,
            DashboardSession session,
            FleetRow row,
            List<DashboardJobRepository.JobLine> jobs,
            List<StoreTimeline.Entry> timeline) {
        StoreView store = row.store();
        StringBuilder html = new StringBuilder(4096);
        String title = t.get("store.title", store.storeId());
        html.append(Layout.title(title))
                .append("<h1 data-store=\"")
                .append(Html.text(store.storeId()))
                .append("\">")
                .append(Html.text(title))
                .append(' ')
                .append(onlineBadge(t, store.online()))
                .append("</h1>");
        if (store.revokedAt() != null) {
            html.append("<p class=\"warning\" data-warning=\"revoked\">")
                    .append(Html.text(t.get("store.revoked", t.time(store.revokedAt()))))
                    .append("</p>");
        }
        if (store.conflicts() != null) {
            StoreView.ConflictsView c = store.conflicts();
            html.append("<p class=\"warning\" data-warning=\"conflict\">")
                    .append(Html.text(t.get(
                            "store.conflicts",
                            c.count(),
                            t.time(c.latestAt()),
                            c.replacedHost() + " (" + c.replacedPeer() + ")",
                            c.newHost() + " (" + c.newPeer() + ")")))
                    .append("</p>");
        }
        if (row.certificateWarning() && store.certificate() != null) {
            html.append("<p class=\"warning\" data-warning=\"certificate\">")
                    .append(Html.text(store.certificate().summary()))
                    .append("</p>");
        }
        html.append("<dl class=\"facts\">");
        fact(html, t.get("store.host"), "<span class=\"host\">" + Html.text(store.hostname()) + "</span>");
        fact(html, t.get("store.version"), Html.text(store.agentVersion()));
        fact(html, t.get("col.lastSeen"), Html.text(t.time(store.lastSeen())));
        fact(
                html,
                t.get("col.connectedSince"),
                store.connectedSince() == null ? "–" : Html.text(t.time(store.connectedSince())));
        fact(html, t.get("store.firstSeen"), Html.text(t.time(store.firstSeen())));
        fact(html, t.get("col.certificate"), certificate(t, store));
        fact(html, t.get("col.waiting"), Long.toString(row.waiting()));
        fact(html, t.get("col.failed24h"), row.failed24h() + " / " + row.finished24h());
        html.append("</dl>");

        html.append("<h2>").append(Html.text(t.get("store.printers"))).append("</h2><ul class=\"printers\">");
        boolean operator = session.user().role().allows(Role.OPERATOR);
        for (PrinterStatusView printer : store.printers()) {
            html.append("<li data-printer=\"")
                    .append(Html.text(printer.name()))
                    .append("\">")
                    .append(printerBadge(t, printer))
                    .append(" <span class=\"quiet\">")
                    .append(Html.text(t.get(
                            "store.capabilities",
                            printer.paperWidthMm(),
                            printer.columns(),
                            printer.codePageProfile())))
                    .append(printer.isDefault() ? ", " + Html.text(t.get("store.default")) : "")
                    .append(printer.hasDrawer() ? ", " + Html.text(t.get("store.hasDrawer")) : "")
                    .append("</span>");
            if (operator) {
                String base = "/dashboard/stores/" + Html.url(store.storeId());
                html.append("<div class=\"actions\"><form method=\"post\" data-post action=\"")
                        .append(base)
                        .append("/test-print\"><input type=\"hidden\" name=\"printer\" value=\"")
                        .append(Html.text(printer.name()))
                        .append("\"><button type=\"submit\" class=\"test-print\">")
                        .append(Html.text(t.get("action.testPrint")))
                        .append("</button></form>");
                if (printer.hasDrawer()) {
                    html.append("<a class=\"button open-drawer\" href=\"")
                            .append(base)
                            .append("/drawer?printer=")
                            .append(Html.url(printer.name()))
                            .append("\">")
                            .append(Html.text(t.get("action.openDrawer")))
                            .append("</a>");
                }
                html.append("</div>");
            }
            html.append("</li>");
        }
        html.append("</ul>");

        if (session.user().role().allows(Role.OPERATOR)) {
            // A new PC, a revoked store back, a certificate expired while the shop was closed.
            html.append("<form method=\"post\" data-post class=\"enrol\" action=\"/dashboard/enrolment-codes\">")
                    .append("<input type=\"hidden\" name=\"storeId\" value=\"")
                    .append(Html.text(store.storeId()))
                    .append("\"><button type=\"submit\" id=\"enrolment-code\">")
                    .append(Html.text(t.get("action.enrolmentCode")))
                    .append("</button></form>");
        }
        if (session.user().role().allows(Role.OPERATOR) && store.revokedAt() == null) {
            html.append("<form method=\"post\" data-post class=\"revoke\" action=\"/dashboard/stores/")
                    .append(Html.url(store.storeId()))
                    .append("/revoke\" data-confirm=\"")
                    .append(Html.text(t.get("action.confirmRevoke", store.storeId())))
                    .append("\"><input name=\"reason\" id=\"revoke-reason\" required maxlength=\"500\" placeholder=\"")
                    .append(Html.text(t.get("action.revokeReason")))
                    .append("\"><button type=\"submit\" class=\"danger\" id=\"revoke\">")
                    .append(Html.text(t.get("action.revoke")))
                    .append("</button></form>");
        }
        html.append("<h2>").append(Html.text(t.get("store.jobs"))).append("</h2>");
        if (jobs.isEmpty()) {
            html.append("<p class=\"quiet\">")
                    .append(Html.text(t.get("store.noJobs")))
                    .append("</p>");
        } else {
            html.append("<table class=\"jobs\"><thead><tr><th>")
                    .append(Html.text(t.get("col.job")))
                    .append("</th><th>")
                    .append(Html.text(t.get("col.type")))
                    .append("</th><th>")
                    .append(Html.text(t.get("job.state")))
                    .append("</th><th>")
                    .append(Html.text(t.get("col.created")))
                    .append("</th><th>")
                    .append(Html.text(t.get("job.requestedBy")))
                    .append("</th><th>")
                    .append(Html.text(t.get("col.reason")))
                    .append("</th></tr></thead><tbody>");
            for (DashboardJobRepository.JobLine job : jobs) {
                html.append("<tr data-job=\"")
                        .append(Html.text(job.id()))
                        .append("\" data-state=\"")
                        .append(Html.text(job.state()))
                        .append("\"><td data-label=\"")
                        .append(Html.text(t.get("col.job")))
                        .append("\"><a href=\"/dashboard/jobs/")
                        .append(Html.url(job.id()))
                        .append("\">")
                        .append(Html.text(
                                job.id().substring(0, Math.min(13, job.id().length()))))
                        .append("…</a></td><td data-label=\"")
                        .append(Html.text(t.get("col.type")))
                        .append("\">")
                        .append(Html.text(job.type().toLowerCase(Locale.ROOT)))
                        .append("</td><td data-label=\"")
                        .append(Html.text(t.get("job.state")))
                        .append("\"><span class=\"job-state ")
                        .append(Html.text(job.state().toLowerCase(Locale.ROOT)))
                        .append("\">")
                        .append(Html.text(job.state()))
                        .append("</span></td><td data-label=\"")
                        .append(Html.text(t.get("col.created")))
                        .append("\">")
                        .append(Html.text(t.time(job.createdAt())))
                        .append("</td><td data-label=\"")
                        .append(Html.text(t.get("job.requestedBy")))
                        .append("\">")
                        .append(Html.text(job.requestedBy()))
                        .append("</td><td data-label=\"")
                        .append(Html.text(t.get("col.reason")))
                        .append("\">")
                        .append(
                                job.errorCode() == null
                                        ? ""
                                        : Html.text(job.errorCode() + ": "
                                                + (job.errorMessage() == null ? "" : job.errorMessage())))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }

        html.append("<h2>").append(Html.text(t.get("store.timeline"))).append("</h2>");
        if (timeline.isEmpty()) {
            html.append("<p class=\"quiet\">")
                    .append(Html.text(t.get("store.noTimeline")))
                    .append("</p>");
        } else {
            html.append("<ol class=\"timeline\">");
            for (StoreTimeline.Entry entry : timeline) {
                html.append("<li><time>")
                        .append(Html.text(t.time(entry.at())))
                        .append("</time> ")
                        .append(onlineBadge(t, entry.online()))
                        .append(' ')
                        .append(Html.text(entry.detail()))
                        .append("</li>");
            }
            html.append("</ol>");
        }
        return html.toString();
    }

    static String onlineBadge(Messages t, boolean online) {
        return online
                ? "<span class=\"badge online\">" + Html.text(t.get("state.online")) + "</span>"
                : "<span class=\"badge offline\">" + Html.text(t.get("state.offline")) + "</span>";
    }

    static String certificate(Messages t, StoreView store) {
        CertificateView certificate = store.certificate();
        if (certificate == null) {
            return "<span class=\"quiet\">" + Html.text(t.get("cert.unknown")) + "</span>";
        }
        return "<span class=\"cert " + Html.text(certificate.state().toLowerCase(Locale.ROOT)) + "\" title=\""
                + Html.text(certificate.summary()) + "\">" + Html.text(t.get("cert.days", certificate.daysLeft()))
                + "</span>";
    }

    /** A printer's name and state, with its conditions (paper out, cover open) and drawer. */
    static String printerBadge(Messages t, PrinterStatusView printer) {
        PrinterStatusView.Status status = printer.status();
        StringBuilder conditions = new StringBuilder(t.get("printer." + status.state()));
        if (status.paperEnd()) {
            conditions.append(", ").append(t.get("printer.paperOut"));
        } else if (status.paperNearEnd()) {
            conditions.append(", ").append(t.get("printer.paperNearEnd"));
        }
        if (status.coverOpen()) {
            conditions.append(", ").append(t.get("printer.coverOpen"));
        }
        if (printer.hasDrawer()) {
            conditions.append(", ").append(t.get("drawer." + status.drawer()));
        }
        String css = status.paperEnd() || status.coverOpen() || !"READY".equals(status.state())
                ? "bad"
                : status.paperNearEnd() ? "warn" : "good";
        return "<span class=\"printer " + css + "\" data-printer-state=\"" + Html.text(status.state())
                + "\" data-paper-out=\"" + status.paperEnd() + "\" data-cover-open=\"" + status.coverOpen() + "\">"
                + "<b>" + Html.text(printer.name()) + "</b> " + Html.text(conditions) + "</span>";
    }

    private static void fact(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>")
                .append(Html.text(name))
                .append("</dt><dd>")
                .append(valueHtml)
                .append("</dd>");
    }
}
