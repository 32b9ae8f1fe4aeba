package io.printbridge.server.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code api_tokens}: a token created with the CLI or the admin API, kept by the SHA-256
 * of the token, never the token.
 *
 * @param stores comma-separated store ids, {@code *} for all; empty reaches no store
 * @param scopes comma-separated scopes ({@code print}, {@code admin})
 */
@MappedEntity("api_tokens")
public record ApiTokenRow(
        @Id String name,
        String sha256,
        String stores,
        String scopes,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
