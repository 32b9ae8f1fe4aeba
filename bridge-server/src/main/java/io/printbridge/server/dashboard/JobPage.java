package io.printbridge.server.dashboard;

import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobTransition;
import java.util.List;
import java.util.Locale;

/** A job's page: what it is, its state and error, its drawer, its history and its receipt preview. */
final class JobPage {

    private JobPage() {}

    static String main(Messages t, DashboardSession session, Job job, List<JobTransition> history) {
        StringBuilder html = new StringBuilder(2048);
        String title = t.get("job.title", job.id());
        html.append(Layout.title(title))
                .append("<h1>")
                .append(Html.text(title))
                .append("</h1><dl class=\"facts\" id=\"job\" data-job=\"")
                .append(Html.text(job.id()))
                .append("\" data-state=\"")
                .append(job.state().name())
                .append("\">");
        fact(
                html,
                t.get("job.store"),
                "<a href=\"/dashboard/stores/" + Html.url(job.storeId()) + "\">" + Html.text(job.storeId()) + "</a>");
        fact(html, t.get("job.type"), Html.text(job.type().name().toLowerCase(Locale.ROOT)));
        fact(
                html,
                t.get("job.printer"),
                Html.text(job.printer().isEmpty() ? t.get("job.defaultPrinter") : job.printer()));
        fact(
                html,
                t.get("job.state"),
                "<span class=\"job-state " + job.state().name().toLowerCase(Locale.ROOT) + "\" id=\"job-state\">"
                        + job.state().name() + "</span>");
        fact(html, t.get("job.created"), Html.text(t.time(job.createdAt())));
        fact(html, t.get("job.requestedBy"), Html.text(job.requestedBy()));
        if (job.error() != null) {
            fact(
                    html,
                    t.get("job.error"),
                    "<span id=\"job-error\">"
                            + Html.text(job.error().code() + ": " + job.error().message()) + "</span>");
        }
        if (job.drawer() != null || job.drawerDeadline() != null) {
            fact(
                    html,
                    t.get("job.drawer"),
                    "<span id=\"job-drawer\">"
                            + (job.drawer() == null ? "PENDING" : job.drawer().name()) + "</span>");
        }
        html.append("</dl>");
        if ((job.state() == JobState.FAILED || job.state() == JobState.EXPIRED)
                && session.user().role().allows(Role.OPERATOR)) {
            html.append("<form method=\"post\" data-post action=\"/dashboard/jobs/")
                    .append(Html.url(job.id()))
                    .append("/retry\"><button type=\"submit\" id=\"retry\">")
                    .append(Html.text(t.get("action.retry")))
                    .append("</button></form>");
        }
        html.append("<h2>")
                .append(Html.text(t.get("job.history")))
                .append("</h2><table class=\"history\"><thead><tr><th>")
                .append(Html.text(t.get("col.at")))
                .append("</th><th>")
                .append(Html.text(t.get("job.state")))
                .append("</th><th>")
                .append(Html.text(t.get("col.reason")))
                .append("</th></tr></thead><tbody>");
        for (JobTransition step : history) {
            html.append("<tr><td>")
                    .append(Html.text(t.time(step.at())))
                    .append("</td><td>")
                    .append(step.state().name())
                    .append("</td><td>")
                    .append(Html.text(step.reason()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        if (job.payload() instanceof JobPayload.Print print && print.source() != null) {
            html.append("<h2>")
                    .append(Html.text(t.get("job.preview")))
                    .append("</h2><img id=\"preview\" class=\"preview\" alt=\"")
                    .append(Html.text(t.get("job.preview")))
                    .append("\" src=\"/dashboard/jobs/")
                    .append(Html.url(job.id()))
                    .append("/preview.png\">");
        }
        return html.toString();
    }

    private static void fact(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>")
                .append(Html.text(name))
                .append("</dt><dd>")
                .append(valueHtml)
                .append("</dd>");
    }
}
