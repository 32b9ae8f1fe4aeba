package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

/**
 * One column of a {@link RowBlock}: logical text wrapped within {@code width} characters and
 * aligned inside them. A width of {@link #FILL} takes whatever the other cells leave.
 */
public record Cell(String text, int width, Alignment alignment) {

    /** Width marker for the one cell that takes the remaining columns. */
    public static final int FILL = 0;

    public Cell {
        requireNonNull(text, "text");
        requireNonNull(alignment, "alignment");
        if (width < 0) {
            throw new IllegalArgumentException("width: " + width + " (expected: FILL (0) or a positive column count)");
        }
    }

    public static Cell fill(String text, Alignment alignment) {
        return new Cell(text, FILL, alignment);
    }

    public static Cell fixed(String text, int width, Alignment alignment) {
        if (width == 0) {
            throw new IllegalArgumentException("width: 0 (expected: a positive column count)");
        }
        return new Cell(text, width, alignment);
    }
}
