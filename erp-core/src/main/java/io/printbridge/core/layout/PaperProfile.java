package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

/**
 * Width of a paper roll: how many font-A characters (12 × 24 dots) and how many dots fit on
 * one printed line.
 */
public record PaperProfile(String name, int columns, int dotWidth) {

    /** 58 mm roll: 32 columns of font A, 384 dots. */
    public static final PaperProfile MM_58 = new PaperProfile("58 mm", 32, 384);

    /** 80 mm roll: 48 columns of font A, 576 dots. */
    public static final PaperProfile MM_80 = new PaperProfile("80 mm", 48, 576);

    public PaperProfile {
        requireNonNull(name, "name");
        if (columns < 8) {
            throw new IllegalArgumentException("columns: " + columns + " (expected: at least 8)");
        }
        // GS v 0 sends whole bytes per raster row, and each column must be a whole number of dots.
        if (dotWidth % 8 != 0 || dotWidth % columns != 0) {
            throw new IllegalArgumentException(
                    "dotWidth: " + dotWidth + " (expected: a multiple of 8 and of columns " + columns + ")");
        }
    }

    /** Width of one character cell in dots (12 for font A on both standard rolls). */
    public int cellWidth() {
        return dotWidth / columns;
    }
}
