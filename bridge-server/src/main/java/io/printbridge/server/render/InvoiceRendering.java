package io.printbridge.server.render;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.core.receipt.ReceiptRenderer;
import io.printbridge.core.receipt.RenderOptions;

/**
 * What an invoice job was rendered from: enough to render its preview again, byte for byte the
 * same layout as the paper.
 */
public record InvoiceRendering(Invoice invoice, PrinterProfile profile, RenderOptions options) {

    private static final ReceiptRenderer RENDERER = new ReceiptRenderer();

    public InvoiceRendering {
        requireNonNull(invoice, "invoice");
        requireNonNull(profile, "profile");
        requireNonNull(options, "options");
    }

    /** The ESC/POS bytes for the printer. */
    public byte[] escPos() {
        return RENDERER.render(invoice, profile, options).escPos();
    }

    /** The PNG preview of the same layout. */
    public byte[] previewPng() {
        return RENDERER.preview(invoice, profile, options);
    }
}
