package io.printbridge.server.db;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** The {@code store_printers} table: each store's printers with their latest status. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StorePrinterRepository extends GenericRepository<StorePrinterRow, StorePrinterRow.Key> {

    /** One printer's latest status, as read back (a projection of the row). */
    @Introspected
    record PrinterStatus(String storeId, String name, byte[] status) {}

    @Query("SELECT store_id, name, status FROM store_printers")
    List<PrinterStatus> findAllPrinterStatuses();

    @Query("SELECT store_id, name, status FROM store_printers WHERE store_id = :storeId")
    List<PrinterStatus> findPrinterStatuses(String storeId);

    @Query("UPDATE store_printers SET status = :status, updated_at = :now WHERE store_id = :storeId AND name = :name")
    long updatePrinterStatus(String storeId, String name, byte[] status, Instant now);

    @Query("INSERT INTO store_printers (store_id, name, status, updated_at) VALUES (:storeId, :name, :status, :now)")
    void insertPrinterStatus(String storeId, String name, byte[] status, Instant now);

    @Query("DELETE FROM store_printers WHERE store_id = :storeId")
    void deletePrinters(String storeId);
}
