package io.printbridge.server.api;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks up the client a bearer token belongs to, by the token's SHA-256. */
@Singleton
public final class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final Map<String, ApiClient> byHash = new HashMap<>();

    public ApiTokens(List<ApiTokenConfig> tokens) {
        for (ApiTokenConfig token : tokens) {
            Set<String> stores = new HashSet<>(token.stores());
            boolean all = stores.remove("*");
            byHash.put(token.sha256(), new ApiClient(token.name(), all ? Set.of() : Set.copyOf(stores)));
        }
        if (byHash.isEmpty()) {
            log.warn("no API tokens configured (bridge.api.tokens): every ERP call will be refused with 401");
        }
    }

    public Optional<ApiClient> authenticate(String token) {
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    /** Lowercase hex SHA-256 of {@code token}: what {@code bridge.api.tokens.<name>.sha256} holds. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
