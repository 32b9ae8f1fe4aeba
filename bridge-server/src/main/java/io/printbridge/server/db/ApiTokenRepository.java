package io.printbridge.server.db;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code api_tokens} table: tokens created with the CLI or the admin API, by the SHA-256 of the token. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends GenericRepository<ApiTokenRow, String> {

    @Query(
            "SELECT name, sha256, stores, scopes, created_at, revoked_at FROM api_tokens WHERE sha256 = :sha256 AND revoked_at IS NULL")
    Optional<ApiTokenRow> findActive(String sha256);

    @Query("SELECT name, sha256, stores, scopes, created_at, revoked_at FROM api_tokens ORDER BY name")
    List<ApiTokenRow> findAllTokens();

    @Query("SELECT COUNT(*) FROM api_tokens WHERE name = :name")
    long countByName(String name);

    @Query(
            "INSERT INTO api_tokens (name, sha256, stores, scopes, created_at) VALUES (:name, :sha256, :stores, :scopes, :createdAt)")
    void insert(String name, String sha256, String stores, String scopes, Instant createdAt);

    @Query("UPDATE api_tokens SET revoked_at = :at WHERE name = :name AND revoked_at IS NULL")
    long revoke(String name, Instant at);
}
