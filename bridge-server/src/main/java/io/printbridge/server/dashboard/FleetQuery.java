package io.printbridge.server.dashboard;

import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.api.CertificateView;
import io.printbridge.server.stores.StoreFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fleet page's search, filters and page, as they appear in its URL
 * ({@code ?q=alger&offline=1&version=1.2&after=alger-07}), so that a filtered view can be
 * bookmarked, reloaded or sent. Bounded: a search or version of more than 64 characters is cut; an
 * {@code after} that is not a store id is dropped (the first page).
 *
 * @param search part of a store id or hostname, any case; empty for every store
 * @param version the agent version exactly; empty for any
 * @param after the page's cursor: the stores after this id, as the previous page's "next" link gave it;
 *     empty for the first page
 */
record FleetQuery(String search, boolean offline, boolean problems, boolean expiring, String version, String after) {

    static final int MAX_TEXT = 64;

    static FleetQuery of(
            @Nullable String q,
            @Nullable String offline,
            @Nullable String problems,
            @Nullable String expiring,
            @Nullable String version,
            @Nullable String after) {
        return new FleetQuery(
                bounded(q),
                on(offline),
                on(problems),
                on(expiring),
                bounded(version),
                after != null && StoreIdentity.isValidStoreId(after) ? after : "");
    }

    /**
     * The stores these filters keep, the same test the REST list makes: "expiring" is a certificate
     * that expires within {@link CertificateView#WARNING_DAYS} days of {@code now} or has expired, what
     * the certificate column shows as EXPIRING or EXPIRED.
     */
    StoreFilter filter(Instant now) {
        return new StoreFilter(
                offline ? Boolean.FALSE : null,
                problems,
                expiring ? now.plus(Duration.ofDays(CertificateView.WARNING_DAYS)) : null,
                search,
                version);
    }

    /** The query string of these filters, first page ({@code q=…&offline=1}), empty for the whole fleet. */
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

    /** The link to the page of these filters after store {@code after}; the first page when null. */
    String href(@Nullable String after) {
        String filters = queryString();
        String cursor = after == null ? "" : "after=" + Html.url(after);
        String query = filters.isEmpty() ? cursor : cursor.isEmpty() ? filters : filters + "&" + cursor;
        return query.isEmpty() ? "/dashboard" : "/dashboard?" + query;
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
