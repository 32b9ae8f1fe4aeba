package io.printbridge.core.raster;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The font the project ships for raster text and previews: DejaVu Sans Mono (Bitstream Vera
 * licence, see {@code font/LICENSE-DejaVu.txt} beside it), which covers Latin and the Arabic
 * presentation forms in one monospaced face. Loaded from the classpath, never from the OS, so a
 * bare shop PC renders the same as the build machine.
 */
public final class ReceiptFont {

    /** Every glyph of DejaVu Sans Mono advances 0.6 em (1233/2048): 20 px gives 12-dot cells. */
    private static final float PIXELS_PER_CELL_DOT = 20f / 12f;

    private static final Font BASE = load();

    private ReceiptFont() {}

    /** The font sized so that each character fills one cell of {@code cellWidth} dots. */
    public static Font forCell(int cellWidth) {
        return BASE.deriveFont(cellWidth * PIXELS_PER_CELL_DOT);
    }

    private static Font load() {
        // Fonts work without a display; say so before AWT starts, unless the host already chose.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try (InputStream in = ReceiptFont.class.getResourceAsStream("font/DejaVuSansMono.ttf")) {
            if (in == null) {
                throw new IllegalStateException(
                        "font/DejaVuSansMono.ttf missing from the classpath beside " + ReceiptFont.class.getName());
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receipt font", e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the shipped receipt font is not a TrueType font", e);
        }
    }
}
