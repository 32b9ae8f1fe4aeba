package io.printbridge.server.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code store_revocations} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoreRevocationRepository extends GenericRepository<StoreRevocationRow, String> {

    /** The store's revocation, if it was revoked. */
    Optional<StoreRevocationRow> findById(String storeId);

    @Query("SELECT * FROM store_revocations")
    List<StoreRevocationRow> findAllRevocations();

    @Query(
            "UPDATE store_revocations SET revoked_before = :at, revoked_by = :by, reason = :reason WHERE store_id = :storeId")
    long update(String storeId, Instant at, String by, String reason);

    @Query(
            "INSERT INTO store_revocations (store_id, revoked_before, revoked_by, reason) VALUES (:storeId, :at, :by, :reason)")
    void insert(String storeId, Instant at, String by, String reason);
}
