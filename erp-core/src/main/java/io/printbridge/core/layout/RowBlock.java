package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Cells side by side, {@code gap} spaces apart, each wrapping within its own width; the row is
 * as tall as its tallest cell and shorter cells keep to the top. In a right-to-left row the first
 * cell sits at the right edge.
 */
public record RowBlock(List<Cell> cells, TextStyle style, Direction direction, int gap) implements Block {

    /** The usual space between two cells. */
    public static final int GAP = 1;

    public RowBlock(List<Cell> cells, TextStyle style, Direction direction) {
        this(cells, style, direction, GAP);
    }

    public RowBlock {
        cells = List.copyOf(requireNonNull(cells, "cells"));
        requireNonNull(style, "style");
        requireNonNull(direction, "direction");
        if (gap < 0) {
            throw new IllegalArgumentException("gap: " + gap + " (expected: 0 or more columns)");
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("cells: [] (expected: at least one cell)");
        }
        int fills = 0;
        for (Cell cell : cells) {
            fills += cell.width() == Cell.FILL ? 1 : 0;
        }
        if (fills > 1) {
            throw new IllegalArgumentException("cells: " + fills + " FILL cells (expected: at most one)");
        }
    }

    /** The width of each cell on a line of {@code columns}, the FILL cell taking the rest. */
    public int[] widthsOn(int columns) {
        int fixed = gap * (cells.size() - 1);
        boolean hasFill = false;
        for (Cell cell : cells) {
            fixed += cell.width();
            hasFill |= cell.width() == Cell.FILL;
        }
        int rest = columns - fixed;
        if (rest < 0 || (rest == 0 && hasFill)) {
            throw new IllegalArgumentException(
                    "cells: " + fixed + " columns with gaps (expected: at most " + columns + " with room for FILL)");
        }
        int[] widths = new int[cells.size()];
        for (int i = 0; i < widths.length; i++) {
            int width = cells.get(i).width();
            widths[i] = width == Cell.FILL ? rest : width;
        }
        return widths;
    }
}
