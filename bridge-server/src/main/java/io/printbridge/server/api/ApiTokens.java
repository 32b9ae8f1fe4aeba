package io.printbridge.server.api;

import io.printbridge.server.store.ApiTokenRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the client a bearer token belongs to, by the token's SHA-256: first among the tokens in
 * the configuration ({@code bridge.api.tokens}), then among those created with the CLI
 * ({@code bridge-server tokens create}) and kept in the database. Only hashes are ever stored.
 * Database answers are cached for {@link #CACHE_FOR}, which bounds how long a revoked token
 * still works.
 */
@Singleton
public final class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private record Cached(ApiClient client, Instant until) {}

    private final Map<String, ApiClient> configured = new HashMap<>();
    private final Map<String, Cached> fromDatabase = new ConcurrentHashMap<>();
    private final ApiTokenRepository tokens;
    private final Clock clock;

    public ApiTokens(List<ApiTokenConfig> config, ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        for (ApiTokenConfig token : config) {
            configured.put(token.sha256(), client(token.name(), token.stores()));
        }
        if (configured.isEmpty()) {
            log.info("no API tokens in the configuration (bridge.api.tokens); tokens created with"
                    + " `bridge-server tokens create` are read from the database");
        }
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
        Optional<ApiClient> found = tokens.findActive(hash)
                .map(row -> client(row.name(), Arrays.asList(row.stores().split(","))));
        found.ifPresentOrElse(c -> fromDatabase.put(hash, new Cached(c, now.plus(CACHE_FOR))), () -> fromDatabase.remove(hash));
        return found;
    }

    private static ApiClient client(String name, List<String> storeList) {
        Set<String> stores = new HashSet<>();
        storeList.forEach(s -> stores.add(s.trim()));
        boolean all = stores.remove("*");
        return new ApiClient(name, all ? Set.of() : Set.copyOf(stores));
    }

    /** Lowercase hex SHA-256 of {@code token}: what is stored and configured, never the token. */
    public static String sha256(String token) {
        return Sha256.hex(token);
    }
}
