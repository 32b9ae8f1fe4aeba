package io.printbridge.server.dashboard;

import io.printbridge.server.attendance.ClockView;
import io.printbridge.server.attendance.StoredPunch;
import java.util.List;

/** A store page's time clocks: each clock's state and drift, and the store's last punches. Nothing for a store without. */
final class StoreClocksSection {

    private StoreClocksSection() {}

    static String html(Messages t, List<ClockView> clocks, List<StoredPunch> punches) {
        if (clocks.isEmpty() && punches.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(2048);
        html.append("<h2>").append(Html.text(t.get("store.clocks"))).append("</h2><ul class=\"clocks\">");
        for (ClockView clock : clocks) {
            html.append("<li data-clock=\"")
                    .append(Html.text(clock.name()))
                    .append("\" data-state=\"")
                    .append(Html.text(clock.state()))
                    .append("\"><strong>")
                    .append(Html.text(clock.name()))
                    .append("</strong> ")
                    .append(Html.text(t.get("clock.state." + clock.state())))
                    .append(" <span class=\"quiet\">")
                    .append(Html.text(clock.address()))
                    .append(clock.serialNumber() == null ? "" : ", " + Html.text(clock.serialNumber()))
                    .append(
                            clock.lastContact() == null
                                    ? ""
                                    : ", " + Html.text(t.get("clock.lastContact", t.time(clock.lastContact()))))
                    .append(
                            clock.driftSeconds() == null
                                    ? ""
                                    : ", " + Html.text(t.get("clock.drift", clock.driftSeconds())))
                    .append("</span>");
            if (!clock.detail().isEmpty() && !clock.state().equals("ONLINE")) {
                html.append("<div class=\"warning\">")
                        .append(Html.text(clock.detail()))
                        .append("</div>");
            }
            html.append("</li>");
        }
        html.append("</ul>");
        if (punches.isEmpty()) {
            html.append("<p class=\"quiet\">")
                    .append(Html.text(t.get("clock.noPunches")))
                    .append("</p>");
            return html.toString();
        }
        html.append("<table class=\"punches\"><thead><tr><th>")
                .append(Html.text(t.get("clock.col.time")))
                .append("</th><th>")
                .append(Html.text(t.get("clock.col.employee")))
                .append("</th><th>")
                .append(Html.text(t.get("clock.col.clock")))
                .append("</th></tr></thead><tbody>");
        for (StoredPunch punch : punches) {
            html.append("<tr data-punch=\"")
                    .append(punch.id())
                    .append("\"><td>")
                    .append(Html.text(t.time(punch.punchedAt())))
                    .append("</td><td>")
                    .append(Html.text(
                            punch.employeeName().isEmpty()
                                    ? punch.employeeId()
                                    : punch.employeeName() + " (" + punch.employeeId() + ")"))
                    .append("</td><td>")
                    .append(Html.text(punch.clock()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        return html.toString();
    }
}
