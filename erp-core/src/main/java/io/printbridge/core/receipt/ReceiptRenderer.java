package io.printbridge.core.receipt;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.escpos.EscPosEncoder;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.layout.Layout;
import io.printbridge.core.preview.PngPreviewRenderer;
import io.printbridge.core.printer.PrintLine;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.core.printer.Typesetter;
import java.util.List;

/**
 * The print pipeline in one call: invoice → layout ({@link InvoiceLayoutComposer}) → lines for
 * this printer ({@link Typesetter}) → ESC/POS bytes ({@link EscPosEncoder}) and, from the same
 * lines, a PNG preview. Stateless and thread-safe.
 */
public final class ReceiptRenderer {

    private final InvoiceLayoutComposer composer = new InvoiceLayoutComposer();

    /** The ESC/POS job for {@code invoice} on {@code printer} (its preview is available from the result). */
    public RenderedReceipt render(Invoice invoice, PrinterProfile printer, RenderOptions options) {
        List<PrintLine> lines = lines(invoice, printer, options);
        byte[] escPos = new EscPosEncoder(printer).encode(lines, options.openDrawer());
        return new RenderedReceipt(escPos, lines, printer.paper());
    }

    /** The receipt as PNG, one pixel per printer dot, exactly as {@link #render} would print it. */
    public byte[] preview(Invoice invoice, PrinterProfile printer, RenderOptions options) {
        return new PngPreviewRenderer(printer.paper()).png(lines(invoice, printer, options));
    }

    /** The device-neutral layout of {@code invoice} for {@code printer}'s paper. */
    public Layout layout(Invoice invoice, PrinterProfile printer, RenderOptions options) {
        requireNonNull(printer, "printer");
        requireNonNull(options, "options");
        return composer.compose(invoice, printer.paper(), options.logo());
    }

    private List<PrintLine> lines(Invoice invoice, PrinterProfile printer, RenderOptions options) {
        return new Typesetter(printer).set(layout(invoice, printer, options));
    }
}
