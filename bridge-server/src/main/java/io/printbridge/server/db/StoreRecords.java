package io.printbridge.server.db;

import io.micronaut.transaction.annotation.Transactional;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes what the server learns about stores: the rows of {@code stores} and {@code store_printers}. */
@Singleton
public class StoreRecords {

    private final StoreRepository stores;
    private final StorePrinterRepository printers;

    public StoreRecords(StoreRepository stores, StorePrinterRepository printers) {
        this.stores = stores;
        this.printers = printers;
    }

    public List<StoreRow> allStores() {
        return stores.findAllStores();
    }

    public List<StorePrinterRepository.PrinterStatus> allPrinterStatuses() {
        return printers.findAllPrinterStatuses();
    }

    /** One store's row, if its agent ever connected (another server may have written it). */
    public Optional<StoreRow> store(String storeId) {
        return stores.findStore(storeId);
    }

    public List<StorePrinterRepository.PrinterStatus> printerStatuses(String storeId) {
        return printers.findPrinterStatuses(storeId);
    }

    /**
     * Writes each store's changes, all in one transaction: the connection (its printers replace the
     * store's), the printers' statuses, when it was last seen, then a disconnection.
     */
    @Transactional
    public void write(List<StoreChanges> changes) {
        for (StoreChanges change : changes) {
            write(change);
        }
    }

    private void write(StoreChanges change) {
        String storeId = change.storeId();
        StoreChanges.Connected connected = change.connected();
        if (connected != null) {
            Hello hello = connected.hello();
            byte[] bytes = hello.toByteArray();
            Instant at = connected.at();
            Instant expires = connected.certificateExpiresAt();
            if (stores.updateConnected(storeId, at, hello.getAgentVersion(), hello.getHostname(), bytes, expires)
                    == 0) {
                stores.insertConnected(storeId, at, hello.getAgentVersion(), hello.getHostname(), bytes, expires);
            }
            printers.deletePrinters(storeId);
            for (Printer printer : hello.getPrintersList()) {
                printers.insertPrinterStatus(
                        storeId, printer.getName(), printer.getStatus().toByteArray(), at);
            }
        }
        change.statuses().forEach((printer, status) -> {
            byte[] bytes = status.status().toByteArray();
            if (printers.updatePrinterStatus(storeId, printer, bytes, status.at()) == 0) {
                printers.insertPrinterStatus(storeId, printer, bytes, status.at());
            }
        });
        if (change.disconnectedAt() != null) {
            stores.updateDisconnected(storeId, change.disconnectedAt());
        } else if (change.seenAt() != null) {
            stores.updateSeen(storeId, change.seenAt());
        }
    }
}
