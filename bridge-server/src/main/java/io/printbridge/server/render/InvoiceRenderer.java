package io.printbridge.server.render;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceParser;
import io.printbridge.core.receipt.ReceiptRenderer;
import io.printbridge.core.receipt.RenderOptions;
import io.printbridge.proto.v1.PrinterCapabilities;
import jakarta.inject.Singleton;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Renders invoice jobs with erp-core for the printer they print on, with the configured logo. */
@Singleton
public final class InvoiceRenderer {

    private final ReceiptRenderer receipts = new ReceiptRenderer();
    /**
     * For documents stored with a job: they were valid when accepted, but jobs accepted before
     * unknown fields were refused (kept for bridge.jobs.retention) may carry some.
     */
    private final InvoiceParser storedInvoices = InvoiceParser.ignoringUnknownFields();

    private final @Nullable BufferedImage logo;

    public InvoiceRenderer(RenderConfig config) {
        Path logoFile = config.logo();
        this.logo = logoFile == null ? null : readLogo(logoFile);
    }

    /**
     * The ESC/POS bytes of {@code invoice} for {@code printer}, without a drawer pulse: the drawer
     * after a receipt is the agent's own action, with the printer's configured pin and a deadline
     * of its own (a pulse baked into the bytes would fire on pin 2 whenever the receipt prints).
     */
    public byte[] escPos(Invoice invoice, PrinterCapabilities printer) {
        return receipts.render(invoice, PrinterProfiles.of(printer), options()).escPos();
    }

    /** The PNG preview of an invoice job, from the same layout as its paper. */
    public byte[] previewPng(InvoiceSource source) {
        // The document was valid when the job was accepted; parsing it again cannot fail.
        return receipts.preview(storedInvoices.parse(source.json()), PrinterProfiles.of(source.printer()), options());
    }

    private RenderOptions options() {
        return RenderOptions.defaults().withLogo(logo);
    }

    private static BufferedImage readLogo(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException(
                        "bridge.render.logo: " + file + " (expected: a PNG, JPEG or GIF image)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("bridge.render.logo: " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
