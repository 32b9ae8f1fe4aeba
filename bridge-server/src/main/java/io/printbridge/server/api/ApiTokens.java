package io.printbridge.server.api;

import io.micronaut.context.annotation.Context;
import io.printbridge.server.db.ApiTokenRepository;
import io.printbridge.server.db.ApiTokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the client a bearer token belongs to, by the token's SHA-256: first among the tokens in
 * the configuration ({@code bridge.api.tokens}), then among those created with the CLI or the
 * admin API and kept in the database. Only hashes are ever stored.
 *
 * <p>Database answers are cached for {@link #CACHE_FOR}. A token revoked through this server is
 * dropped from the cache at once ({@link #forget}); one revoked elsewhere (another server on the
 * same database, the CLI on the database directly) still works here for at most that long.
 *
 * <p>Created with the server ({@code @Context}), so a wrong scope in the configuration stops it
 * at start instead of failing the first request.
 */
@Context
public final class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    public static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private record Cached(ApiClient client, Instant until) {}

    private final Map<String, ApiClient> configured = new HashMap<>();
    private final Map<String, Cached> fromDatabase = new ConcurrentHashMap<>();
    /** Counts {@link #forget} calls: a lookup that overlapped one does not cache what it read. */
    private final AtomicLong forgotten = new AtomicLong();

    private final ApiTokenRepository tokens;
    private final Clock clock;

    public ApiTokens(List<ApiTokenConfig> config, ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        for (ApiTokenConfig token : config) {
            configured.put(token.sha256(), configuredClient(token));
        }
        if (configured.isEmpty()) {
            log.info("no API tokens in the configuration (bridge.api.tokens); tokens created with"
                    + " `bridge-server tokens create` or the admin API are read from the database");
        }
    }

    private static ApiClient configuredClient(ApiTokenConfig token) {
        String prefix = "bridge.api.tokens." + token.name();
        Set<Scope> scopes;
        try {
            scopes = Scope.parseAll(token.scopes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".scopes: " + e.getMessage(), e);
        }
        TokenStores stores = TokenStores.read(token.stores() == null ? List.of() : token.stores());
        if (stores.isNone() && Scope.reachesStores(scopes)) {
            // Never "empty means all": say so, since the ERP will be answered 403 for every store.
            log.warn(
                    "{}.stores is missing or empty: this token reaches no store (expected: store ids, or [\"*\"] for every store)",
                    prefix);
        }
        return new ApiClient(token.name(), stores, scopes);
    }

    public Optional<ApiClient> authenticate(String token) {
        String hash = sha256(token);
        ApiClient client = configured.get(hash);
        if (client != null) {
            return Optional.of(client);
        }
        Instant now = clock.instant();
        Cached cached = fromDatabase.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.client());
        }
        long before = forgotten.get();
        Optional<ApiClient> found = tokens.findActive(hash).map(ApiTokens::storedClient);
        if (found.isPresent() && forgotten.get() == before) {
            fromDatabase.put(hash, new Cached(found.get(), now.plus(CACHE_FOR)));
        } else {
            // Not cached when a revocation was forgotten meanwhile: what we read may predate it.
            fromDatabase.remove(hash);
        }
        return found;
    }

    private static ApiClient storedClient(ApiTokenRow row) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : row.scopes().split(",")) {
            try {
                if (!name.isBlank()) {
                    scopes.add(Scope.parse(name));
                }
            } catch (IllegalArgumentException e) {
                // A scope a newer server wrote: this one grants nothing for it.
                log.warn("API token \"{}\": unknown scope {} ignored", row.name(), e.getMessage());
            }
        }
        return new ApiClient(row.name(), TokenStores.read(row.stores()), scopes);
    }

    /**
     * Drops what the cache holds for the database token {@code name}, so its revocation takes
     * effect here at once. Call it after the revocation is committed.
     */
    public void forget(String name) {
        forgotten.incrementAndGet();
        fromDatabase.values().removeIf(cached -> cached.client().name().equals(name));
    }

    /** Whether a token of this name is in the configuration (where the CLI and the admin API cannot change it). */
    public boolean isConfigured(String name) {
        return configured.values().stream().anyMatch(client -> client.name().equals(name));
    }

    /** Lowercase hex SHA-256 of {@code token}: what is stored and configured, never the token. */
    public static String sha256(String token) {
        return Sha256.hex(token);
    }
}
