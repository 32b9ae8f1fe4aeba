package io.printbridge.server.jobs;

import java.util.List;

/** A job names a printer the store's agent does not have. */
public final class UnknownPrinterException extends Exception {
    public UnknownPrinterException(String storeId, String printer, List<String> known) {
        super("printer: \"" + printer + "\" (expected: one of store " + storeId + "'s printers " + known + ")");
    }
}
