package io.printbridge.server.jobs;

import java.util.List;

/** A job names a printer the store's agent does not have. */
public final class UnknownPrinterException extends Exception {
    public UnknownPrinterException(String storeId, String printer, List<String> known) {
        this("printer: \"" + printer + "\" (expected: one of store " + storeId + "'s printers " + known + ")");
    }

    private UnknownPrinterException(String message) {
        super(message);
    }

    /** The same error for the element {@code path} of a batch ({@code jobs[3]}). */
    UnknownPrinterException within(String path) {
        return new UnknownPrinterException(path + "." + getMessage());
    }
}
