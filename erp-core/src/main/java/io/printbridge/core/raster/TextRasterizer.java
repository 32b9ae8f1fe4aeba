package io.printbridge.core.raster;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.layout.TextStyle;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Prints a text line as a picture, for lines the printer's code pages cannot print (Arabic on a
 * printer without PC864, or characters of no code page). The picture spans the whole paper
 * width, so the printer's own justification does not move it.
 */
public final class TextRasterizer {

    private TextRasterizer() {}

    /** {@code visual} drawn in printing order, placed by {@code alignment} across the paper. */
    public static Bitmap rasterize(String visual, Alignment alignment, TextStyle style, PaperProfile paper) {
        int height = CellTextPainter.lineHeight(style);
        BufferedImage image = new BufferedImage(paper.dotWidth(), height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, paper.dotWidth(), height);
            g.setColor(Color.BLACK);
            int textWidth = visual.length() * paper.cellWidth() * style.widthScale();
            int x = alignment.offset(paper.dotWidth(), textWidth);
            CellTextPainter.paint(g, visual, x, 0, paper.cellWidth(), style);
        } finally {
            g.dispose();
        }
        return Bitmap.fromGray(image);
    }
}
