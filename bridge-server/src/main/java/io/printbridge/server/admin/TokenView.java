package io.printbridge.server.admin;

import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import io.printbridge.server.db.ApiTokenRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API token as the admin API lists it: never its hash, never the token.
 *
 * @param stores {@code ["*"]} for every store, else the store ids; empty for a token without the print scope
 */
@Schema(name = "ApiToken", description = "An API token of the database (never its hash or the token itself).")
public record TokenView(
        String name,
        List<String> stores,
        List<String> scopes,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    static TokenView of(ApiTokenRow row) {
        return new TokenView(
                row.name(),
                TokenStores.read(row.stores()).asList(),
                scopes(row.scopes()),
                row.createdAt(),
                row.revokedAt());
    }

    private static List<String> scopes(String joined) {
        return List.of(joined.split(",")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Scope names in their order, for JSON. */
    static List<String> names(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }
}
