package io.printbridge.server.render;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.PrinterCapabilities;

/**
 * What an invoice job was rendered from: the document the ERP sent and the printer as its agent
 * described it. Kept with the job so its preview can be drawn again, from the same layout as the
 * paper, even after a restart.
 */
public record InvoiceSource(String json, PrinterCapabilities printer) {

    public InvoiceSource {
        requireNonNull(json, "json");
        requireNonNull(printer, "printer");
    }
}
