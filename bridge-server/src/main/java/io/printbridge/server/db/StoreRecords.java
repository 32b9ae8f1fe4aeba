package io.printbridge.server.db;

import io.micronaut.transaction.annotation.Transactional;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** Writes what the server learns about stores, each change in one transaction. */
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

    /** The agent said Hello: the store is known from now on, with these printers. */
    @Transactional
    public void connected(String storeId, Hello hello, Instant now) {
        byte[] bytes = hello.toByteArray();
        if (stores.updateConnected(storeId, now, hello.getAgentVersion(), hello.getHostname(), bytes) == 0) {
            stores.insertConnected(storeId, now, hello.getAgentVersion(), hello.getHostname(), bytes);
        }
        printers.deletePrinters(storeId);
        for (Printer printer : hello.getPrintersList()) {
            printers.insertPrinterStatus(storeId, printer.getName(), printer.getStatus().toByteArray(), now);
        }
    }

    @Transactional
    public void seen(String storeId, Instant now) {
        stores.updateSeen(storeId, now);
    }

    @Transactional
    public void disconnected(String storeId, Instant now) {
        stores.updateDisconnected(storeId, now);
    }

    @Transactional
    public void printerStatus(String storeId, String printer, PrinterStatus status, Instant now) {
        byte[] bytes = status.toByteArray();
        if (printers.updatePrinterStatus(storeId, printer, bytes, now) == 0) {
            printers.insertPrinterStatus(storeId, printer, bytes, now);
        }
    }
}
