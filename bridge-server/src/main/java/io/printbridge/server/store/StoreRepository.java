package io.printbridge.server.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** The {@code stores} and {@code store_printers} tables. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoreRepository extends GenericRepository<JobRow, String> {

    /** A store as stored. */
    @Introspected
    record StoreRow(String storeId, Instant firstSeen, Instant lastSeen, @Nullable Instant connectedSince,
            String agentVersion, String hostname, byte[] hello) {}

    /** One printer's latest status as stored. */
    @Introspected
    record PrinterStatusRow(String storeId, String name, byte[] status) {}

    @Query("SELECT store_id, first_seen, last_seen, connected_since, agent_version, hostname, hello FROM stores")
    List<StoreRow> findAllStores();

    @Query("SELECT store_id, name, status FROM store_printers")
    List<PrinterStatusRow> findAllPrinterStatuses();

    @Query("UPDATE stores SET last_seen = :now, connected_since = :now, agent_version = :agentVersion, "
            + "hostname = :hostname, hello = :hello WHERE store_id = :storeId")
    long updateConnected(String storeId, Instant now, String agentVersion, String hostname, byte[] hello);

    @Query("INSERT INTO stores (store_id, first_seen, last_seen, connected_since, agent_version, hostname, hello) "
            + "VALUES (:storeId, :now, :now, :now, :agentVersion, :hostname, :hello)")
    void insertConnected(String storeId, Instant now, String agentVersion, String hostname, byte[] hello);

    @Query("UPDATE stores SET last_seen = :now WHERE store_id = :storeId")
    long updateSeen(String storeId, Instant now);

    @Query("UPDATE stores SET last_seen = :now, connected_since = NULL WHERE store_id = :storeId")
    long updateDisconnected(String storeId, Instant now);

    @Query("UPDATE store_printers SET status = :status, updated_at = :now WHERE store_id = :storeId AND name = :name")
    long updatePrinterStatus(String storeId, String name, byte[] status, Instant now);

    @Query("INSERT INTO store_printers (store_id, name, status, updated_at) VALUES (:storeId, :name, :status, :now)")
    void insertPrinterStatus(String storeId, String name, byte[] status, Instant now);

    @Query("DELETE FROM store_printers WHERE store_id = :storeId")
    void deletePrinters(String storeId);
}
