package io.printbridge.core.preview;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.BitmapLine;
import io.printbridge.core.printer.FeedLine;
import io.printbridge.core.printer.PrintLine;
import io.printbridge.core.printer.QrLine;
import io.printbridge.core.printer.TextLine;
import io.printbridge.core.raster.Bitmap;
import io.printbridge.core.raster.CellTextPainter;
import io.printbridge.core.raster.QrSymbol;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws typeset lines at the paper's dot width, one pixel per printer dot: text as the printer's
 * code page prints it (each character in its 12 × 24 cell, drawn with the shipped font), rasters
 * dot for dot, QR codes module for module. The same lines feed the ESC/POS encoder.
 */
public final class PngPreviewRenderer {

    /** Blank paper above the first line and below the last, in dots. */
    private static final int MARGIN = 12;

    private final PaperProfile paper;

    public PngPreviewRenderer(PaperProfile paper) {
        this.paper = requireNonNull(paper, "paper");
    }

    /** The receipt as a grey-scale image {@code paper.dotWidth()} pixels wide. */
    public BufferedImage render(List<PrintLine> lines) {
        int height = 2 * MARGIN;
        for (PrintLine line : lines) {
            height += heightOf(line);
        }
        BufferedImage image = new BufferedImage(paper.dotWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), height);
            g.setColor(Color.BLACK);
            int top = MARGIN;
            for (PrintLine line : lines) {
                draw(g, line, top);
                top += heightOf(line);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** {@link #render} encoded as PNG. */
    public byte[] png(List<PrintLine> lines) {
        ByteArrayOutputStream png = new ByteArrayOutputStream(16 * 1024);
        try {
            ImageIO.write(render(lines), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the preview as PNG", e);
        }
        return png.toByteArray();
    }

    private void draw(Graphics2D g, PrintLine line, int top) {
        if (line instanceof TextLine text) {
            // What the code page prints: substitutes included, as the paper will show them.
            String printed = text.codePage().table().printed(text.visual());
            int width = printed.length() * paper.cellWidth() * text.style().widthScale();
            int x = text.alignment().offset(paper.dotWidth(), width);
            CellTextPainter.paint(g, printed, x, top, paper.cellWidth(), text.style());
        } else if (line instanceof BitmapLine bitmap) {
            drawBitmap(g, bitmap.bitmap(), top);
        } else if (line instanceof QrLine qr) {
            drawBitmap(
                    g, QrSymbol.of(qr.bytes(), qr.errorCorrection()).toBitmap(qr.moduleSize(), paper.dotWidth()), top);
        }
    }

    private static void drawBitmap(Graphics2D g, Bitmap bitmap, int top) {
        for (int y = 0; y < bitmap.height(); y++) {
            for (int x = 0; x < bitmap.width(); x++) {
                if (bitmap.isBlack(x, y)) {
                    g.fillRect(x, top + y, 1, 1);
                }
            }
        }
    }

    private int heightOf(PrintLine line) {
        if (line instanceof TextLine text) {
            return CellTextPainter.lineHeight(text.style());
        } else if (line instanceof BitmapLine bitmap) {
            return bitmap.bitmap().height();
        } else if (line instanceof QrLine qr) {
            return QrSymbol.of(qr.bytes(), qr.errorCorrection()).modules() * qr.moduleSize();
        } else if (line instanceof FeedLine feed) {
            return feed.lines() * CellTextPainter.LINE_PITCH;
        }
        throw new IllegalArgumentException("line: " + line + " (expected: a known PrintLine)");
    }
}
