package io.printbridge.server.api;

import io.micronaut.http.HttpParameters;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.stores.StoreFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The query of {@code GET /api/v1/stores}, read and checked: a bad value, a parameter given twice
 * or an unknown one is a 400 naming it and what was expected. Unknown names are refused rather than
 * ignored, because a misspelt filter ({@code ?onlne=false}) would otherwise answer the whole fleet
 * as if it had been applied.
 *
 * @param after the cursor: the {@code next} of the previous page, a store id; null for the first page
 * @param limit stores per page, 1 to {@link #MAX_LIMIT}
 * @param online {@code online=true|false}; null for both
 * @param printerProblem {@code problem=printer}
 * @param certificateDays {@code certificateExpiresWithinDays=N}; null when not given
 * @param text {@code q=}: part of a store id or hostname; empty for any
 */
record StoreListParameters(
        @Nullable String after,
        int limit,
        @Nullable Boolean online,
        boolean printerProblem,
        @Nullable Integer certificateDays,
        String text) {

    static final String AFTER = "after";
    static final String LIMIT = "limit";
    static final String ONLINE = "online";
    static final String PROBLEM = "problem";
    static final String CERTIFICATE_DAYS = "certificateExpiresWithinDays";
    static final String TEXT = "q";

    static final Set<String> NAMES = Set.of(AFTER, LIMIT, ONLINE, PROBLEM, CERTIFICATE_DAYS, TEXT);

    static final int DEFAULT_LIMIT = 100;
    /** A page of 1000 stores is about 600 KB of JSON: big enough to walk 20,000 stores in 20 calls. */
    static final int MAX_LIMIT = 1000;
    /** Ten years: longer than any certificate the CA issues. */
    static final int MAX_CERTIFICATE_DAYS = 3650;
    /** As long as a store id or a hostname worth searching for. */
    static final int MAX_TEXT = 64;

    /** Refuses a parameter this call does not take, or one given more than once. */
    static void checkNames(HttpParameters parameters) {
        for (String name : parameters.names()) {
            if (!NAMES.contains(name)) {
                throw ApiException.badRequest("unknown query parameter \"" + name + "\" (expected: one of "
                        + String.join(", ", List.of(AFTER, LIMIT, ONLINE, PROBLEM, CERTIFICATE_DAYS, TEXT)) + ")");
            }
            if (parameters.getAll(name).size() > 1) {
                throw ApiException.badRequest(
                        name + ": given " + parameters.getAll(name).size() + " times (expected: at most once)");
            }
        }
    }

    /** The parameters' values as given (null when absent), checked. */
    static StoreListParameters of(
            @Nullable String after,
            @Nullable String limit,
            @Nullable String online,
            @Nullable String problem,
            @Nullable String certificateDays,
            @Nullable String text) {
        if (after != null && !StoreIdentity.isValidStoreId(after)) {
            throw ApiException.badRequest(
                    AFTER + ": \"" + after + "\" (expected: a store id, as the previous page's \"next\" gave it)");
        }
        return new StoreListParameters(
                after,
                wholeNumber(limit, LIMIT, 1, MAX_LIMIT, DEFAULT_LIMIT, ""),
                online(online),
                problem(problem),
                certificateDays == null
                        ? null
                        : wholeNumber(certificateDays, CERTIFICATE_DAYS, 0, MAX_CERTIFICATE_DAYS, 0, " of days"),
                text(text));
    }

    /** The filter these parameters ask for, with certificate expiry counted from {@code now}. */
    StoreFilter filter(Instant now) {
        return new StoreFilter(
                online,
                printerProblem,
                certificateDays == null ? null : now.plus(Duration.ofDays(certificateDays)),
                text,
                "");
    }

    private static int wholeNumber(@Nullable String value, String name, int min, int max, int absent, String unit) {
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ApiException.badRequest(
                name + ": \"" + value + "\" (expected: a whole number" + unit + " from " + min + " to " + max + ")");
    }

    private static @Nullable Boolean online(@Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(ONLINE + ": \"" + value + "\" (expected: true or false)");
        };
    }

    private static boolean problem(@Nullable String value) {
        if (value == null) {
            return false;
        }
        if (value.equals("printer")) {
            return true;
        }
        throw ApiException.badRequest(PROBLEM + ": \"" + value + "\" (expected: printer)");
    }

    private static String text(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT) {
            throw ApiException.badRequest(TEXT + ": " + value.length() + " characters (expected: at most " + MAX_TEXT
                    + ", part of a store id or hostname)");
        }
        return value.strip();
    }
}
