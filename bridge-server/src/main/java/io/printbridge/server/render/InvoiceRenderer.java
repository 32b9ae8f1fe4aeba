package io.printbridge.server.render;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.receipt.RenderOptions;
import io.printbridge.proto.v1.Printer;
import jakarta.inject.Singleton;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Renders invoice jobs for the printer they will print on, with the configured logo. */
@Singleton
public final class InvoiceRenderer {

    private final @Nullable BufferedImage logo;

    public InvoiceRenderer(RenderConfig config) {
        this.logo = config.logo() == null ? null : readLogo(config);
    }

    /** Lays out {@code invoice} for {@code printer} as the agent described it. */
    public InvoiceRendering forPrinter(Invoice invoice, Printer printer, boolean openDrawer) {
        return new InvoiceRendering(invoice, PrinterProfiles.of(printer.getCapabilities()),
                RenderOptions.defaults().withOpenDrawer(openDrawer).withLogo(logo));
    }

    private static BufferedImage readLogo(RenderConfig config) {
        try {
            BufferedImage image = ImageIO.read(config.logo().toFile());
            if (image == null) {
                throw new IllegalStateException("bridge.render.logo: " + config.logo() + " (expected: a PNG, JPEG or GIF image)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("bridge.render.logo: " + config.logo() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
