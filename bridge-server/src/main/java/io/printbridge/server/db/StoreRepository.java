package io.printbridge.server.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code stores} table (its printers are {@link StorePrinterRepository}'s). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoreRepository extends GenericRepository<StoreRow, String> {

    @Query(
            "SELECT store_id, first_seen, last_seen, connected_since, agent_version, hostname, hello, certificate_expires_at"
                    + " FROM stores")
    List<StoreRow> findAllStores();

    @Query(
            "SELECT store_id, first_seen, last_seen, connected_since, agent_version, hostname, hello, certificate_expires_at"
                    + " FROM stores WHERE store_id = :storeId")
    Optional<StoreRow> findStore(String storeId);

    @Query(
            "UPDATE stores SET last_seen = :now, connected_since = :now, agent_version = :agentVersion, "
                    + "hostname = :hostname, hello = :hello, certificate_expires_at = :certificateExpiresAt WHERE store_id = :storeId")
    long updateConnected(
            String storeId,
            Instant now,
            String agentVersion,
            String hostname,
            byte[] hello,
            @Nullable Instant certificateExpiresAt);

    @Query("INSERT INTO stores (store_id, first_seen, last_seen, connected_since, agent_version, hostname, hello, "
            + "certificate_expires_at) VALUES (:storeId, :now, :now, :now, :agentVersion, :hostname, :hello, "
            + ":certificateExpiresAt)")
    void insertConnected(
            String storeId,
            Instant now,
            String agentVersion,
            String hostname,
            byte[] hello,
            @Nullable Instant certificateExpiresAt);

    @Query("UPDATE stores SET last_seen = :now WHERE store_id = :storeId")
    long updateSeen(String storeId, Instant now);

    @Query("UPDATE stores SET last_seen = :now, connected_since = NULL WHERE store_id = :storeId")
    long updateDisconnected(String storeId, Instant now);
}
