package io.printbridge.server.webhooks;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.StoreIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint, checked: where to POST, the signing secret, which stores' jobs it wants,
 * and how to retry.
 *
 * @param allStores {@code "*"} was written: every store's jobs
 * @param stores the store ids whose jobs it wants, empty when {@code allStores}
 */
record Webhook(
        String name,
        URI url,
        String secret,
        boolean allStores,
        Set<String> stores,
        RetryPolicy retry,
        Duration timeout,
        Set<String> events) {

    /** What a webhook may be sent. */
    static final Set<String> EVENTS = Set.of("job.final", "attendance.recorded", "clock.status", "clock.drift");

    /** The longest name {@code webhook_deliveries.webhook} holds. */
    static final int MAX_NAME_LENGTH = 100;

    static final int MIN_SECRET_LENGTH = 16;

    Webhook {
        requireNonNull(name, "name");
        requireNonNull(url, "url");
        requireNonNull(secret, "secret");
        stores = Set.copyOf(stores);
        requireNonNull(retry, "retry");
        requireNonNull(timeout, "timeout");
        events = Set.copyOf(events);
    }

    /** Whether it wants {@code event} of {@code storeId}. */
    boolean wants(String storeId, String event) {
        return wants(storeId) && events.contains(event);
    }

    /** Never "empty means all": a webhook reaches every store only where {@code "*"} was written. */
    boolean wants(String storeId) {
        return allStores || stores.contains(storeId);
    }

    /** Checks {@code config}; a wrong value throws, naming the setting and what was expected. */
    static Webhook of(WebhookConfig config) {
        String key = "bridge.webhooks." + config.name();
        if (config.name().length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(key + ": the name has "
                    + config.name().length() + " characters (expected: at most " + MAX_NAME_LENGTH + ")");
        }
        URI url = url(key + ".url", config.url());
        String secret = config.secret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(key + ".secret: missing (expected: the secret shared with the receiver,"
                    + " at least " + MIN_SECRET_LENGTH + " characters, e.g. from `openssl rand -hex 32`)");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            // The secret itself is never put in a message.
            throw new IllegalArgumentException(key + ".secret: " + secret.length() + " characters (expected: at least "
                    + MIN_SECRET_LENGTH + ", e.g. from `openssl rand -hex 32`)");
        }
        Set<String> stores = new HashSet<>();
        for (String store : config.stores()) {
            String id = store.trim();
            if (!id.equals("*") && !StoreIdentity.isValidStoreId(id)) {
                throw new IllegalArgumentException(key + ".stores: \"" + store + "\" (expected: \"*\" or store ids,"
                        + " 1-63 lowercase letters, digits or inner hyphens)");
            }
            stores.add(id);
        }
        boolean all = stores.remove("*");
        if (!all && stores.isEmpty()) {
            // An empty list would send nothing; the same mistake on a token reaches no store. Say so at start.
            throw new IllegalArgumentException(key + ".stores: empty (expected: \"*\" for every store, or store ids)");
        }
        if (config.maxAttempts() < 1) {
            throw new IllegalArgumentException(
                    key + ".max-attempts: " + config.maxAttempts() + " (expected: at least 1)");
        }
        positive(key + ".first-retry", config.firstRetry());
        positive(key + ".timeout", config.timeout());
        if (config.maxRetry().compareTo(config.firstRetry()) < 0) {
            throw new IllegalArgumentException(key + ".max-retry: " + config.maxRetry()
                    + " (expected: at least first-retry, " + config.firstRetry() + ")");
        }
        return new Webhook(
                config.name(),
                url,
                secret,
                all,
                all ? Set.of() : stores,
                new RetryPolicy(config.maxAttempts(), config.firstRetry(), config.maxRetry()),
                config.timeout(),
                events(key + ".events", config.events()));
    }

    private static Set<String> events(String key, List<String> configured) {
        Set<String> events = new HashSet<>();
        for (String event : configured) {
            String name = event.trim();
            if (!EVENTS.contains(name)) {
                throw new IllegalArgumentException(key + ": \"" + event + "\" (expected: some of "
                        + String.join(", ", new java.util.TreeSet<>(EVENTS)) + ")");
            }
            events.add(name);
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException(
                    key + ": empty (expected: some of job.final, attendance.recorded," + " clock.status, clock.drift)");
        }
        return events;
    }

    private static URI url(String key, @Nullable String value) {
        String expected =
                " (expected: an absolute http:// or https:// URL, e.g. https://erp.example.com/printbridge/webhook)";
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": missing" + expected);
        }
        URI url;
        try {
            url = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    key + ": \"" + value + "\" is not a URL: " + e.getReason() + expected, e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(key + ": \"" + value + "\"" + expected);
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException(key + ": a URL with a user and password (expected: none; requests are"
                    + " authenticated by their signature)");
        }
        return url;
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: a positive duration, e.g. 10s)");
        }
    }

    /** Without the secret. */
    @Override
    public String toString() {
        return "Webhook[" + name + " -> " + url + "]";
    }
}
