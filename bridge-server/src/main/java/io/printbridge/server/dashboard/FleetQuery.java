package io.printbridge.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The fleet page's search and filters, as they appear in its URL ({@code ?q=alger&offline=1&version=1.2}),
 * so that a filtered view can be bookmarked, reloaded or sent. Bounded: a search or version of more
 * than 64 characters is cut.
 *
 * @param search part of a store id or hostname, any case; empty for every store
 * @param version the agent version exactly; empty for any
 */
record FleetQuery(String search, boolean offline, boolean problems, boolean expiring, String version) {

    static final int MAX_TEXT = 64;

    static FleetQuery of(
            @Nullable String q,
            @Nullable String offline,
            @Nullable String problems,
            @Nullable String expiring,
            @Nullable String version) {
        return new FleetQuery(bounded(q), on(offline), on(problems), on(expiring), bounded(version));
    }

    boolean accepts(FleetRow row) {
        String needle = search.toLowerCase(Locale.ROOT);
        if (!needle.isEmpty()
                && !row.store().storeId().toLowerCase(Locale.ROOT).contains(needle)
                && !row.store().hostname().toLowerCase(Locale.ROOT).contains(needle)) {
            return false;
        }
        if (offline && row.store().online()) {
            return false;
        }
        if (problems && !row.printerProblem()) {
            return false;
        }
        if (expiring && !row.certificateWarning()) {
            return false;
        }
        return version.isEmpty() || version.equals(row.store().agentVersion());
    }

    /** The query string that gives this view back ({@code q=…&offline=1}), empty for the whole fleet. */
    String queryString() {
        List<String> parts = new ArrayList<>();
        if (!search.isEmpty()) {
            parts.add("q=" + Html.url(search));
        }
        if (offline) {
            parts.add("offline=1");
        }
        if (problems) {
            parts.add("problems=1");
        }
        if (expiring) {
            parts.add("expiring=1");
        }
        if (!version.isEmpty()) {
            parts.add("version=" + Html.url(version));
        }
        return String.join("&", parts);
    }

    private static boolean on(@Nullable String value) {
        return value != null && (value.equals("1") || value.equals("on") || value.equals("true"));
    }

    private static String bounded(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        return trimmed.length() <= MAX_TEXT ? trimmed : trimmed.substring(0, MAX_TEXT);
    }
}
