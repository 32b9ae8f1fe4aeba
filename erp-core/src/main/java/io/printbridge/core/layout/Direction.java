package io.printbridge.core.layout;

/** Base direction of a paragraph, which decides how mixed Arabic and Latin text is ordered. */
public enum Direction {
    /** Left to right (French). */
    LTR,
    /** Right to left (Arabic): the first cell of a row is at the right edge. */
    RTL,
    /** Taken from the paragraph's first strong character; left to right if it has none. */
    AUTO;

    /** The alignment that puts a line at the start of reading: the right edge for RTL. */
    public Alignment start() {
        return this == RTL ? Alignment.RIGHT : Alignment.LEFT;
    }

    /** The alignment that puts a line at the end of reading: the left edge for RTL. */
    public Alignment end() {
        return this == RTL ? Alignment.LEFT : Alignment.RIGHT;
    }
}
