package io.printbridge.core.raster;

import io.printbridge.core.layout.TextStyle;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;

/**
 * Draws a line in printing order one character per cell, as a thermal printer's font A does
 * (12 × 24 dots), magnified like {@code GS !}. Raster lines sent to the printer and the preview
 * both draw through here, so the preview shows what the paper shows.
 */
public final class CellTextPainter {

    /** Height of font A in dots. */
    public static final int CELL_HEIGHT = 24;
    /** Paper advanced by one line of normal text: 24 dots of character and 6 of default spacing. */
    public static final int LINE_PITCH = 30;
    /** Baseline of the shipped font within a 24-dot cell, leaving room for descenders. */
    private static final int BASELINE = 19;

    private CellTextPainter() {}

    /** Dots of paper one line of {@code style} takes. */
    public static int lineHeight(TextStyle style) {
        return CELL_HEIGHT * style.heightScale() + (LINE_PITCH - CELL_HEIGHT);
    }

    /**
     * Paints {@code visual} (already in left-to-right printing order) with its first cell at
     * {@code x} and the top of the cells at {@code top}, in the graphics' current colour.
     */
    public static void paint(Graphics2D g, String visual, int x, int top, int cellWidth, TextStyle style) {
        if (visual.isEmpty()) {
            return;
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        Font font = ReceiptFont.forCell(cellWidth);
        if (style.widthScale() != 1 || style.heightScale() != 1) {
            font = font.deriveFont(AffineTransform.getScaleInstance(style.widthScale(), style.heightScale()));
        }
        // createGlyphVector maps characters to glyphs one to one, with no shaping or bidi of its
        // own: the text is already shaped and ordered, and reordering it again would undo that.
        GlyphVector glyphs = font.createGlyphVector(g.getFontRenderContext(), visual.toCharArray());
        int cell = cellWidth * style.widthScale();
        if (glyphs.getNumGlyphs() == visual.length()) {
            for (int i = 0; i < visual.length(); i++) {
                glyphs.setGlyphPosition(i, new Point2D.Float(i * cell, 0));
            }
        }
        int baseline = top + BASELINE * style.heightScale();
        g.drawGlyphVector(glyphs, x, baseline);
        if (style.bold()) {
            // Printers embolden by striking each dot twice, one dot apart; do the same.
            g.drawGlyphVector(glyphs, x + 1, baseline);
        }
    }
}
