package io.printbridge.core.layout;

/** Where a line sits across the paper, in physical terms (LEFT is the paper's left edge). */
public enum Alignment {
    LEFT,
    CENTER,
    RIGHT;

    /** Dots (or columns) to leave before content of {@code used} units in a space of {@code available}. */
    public int offset(int available, int used) {
        int free = Math.max(0, available - used);
        return switch (this) {
            case LEFT -> 0;
            case CENTER -> free / 2;
            case RIGHT -> free;
        };
    }
}
