package io.printbridge.core.layout;

/**
 * Emphasis and magnification of a line of text. Scales are whole multiples of the font-A cell,
 * as thermal printers magnify (1 to 8); a double-width line holds half as many characters.
 */
public record TextStyle(boolean bold, int widthScale, int heightScale) {

    public static final TextStyle NORMAL = new TextStyle(false, 1, 1);
    public static final TextStyle BOLD = new TextStyle(true, 1, 1);
    /** Bold, double height: totals. */
    public static final TextStyle TALL = new TextStyle(true, 1, 2);
    /** Bold, double width and height: the shop's name. */
    public static final TextStyle DOUBLE = new TextStyle(true, 2, 2);

    public TextStyle {
        if (widthScale < 1 || widthScale > 8) {
            throw new IllegalArgumentException("widthScale: " + widthScale + " (expected: 1 to 8)");
        }
        if (heightScale < 1 || heightScale > 8) {
            throw new IllegalArgumentException("heightScale: " + heightScale + " (expected: 1 to 8)");
        }
    }

    /** How many characters of this style fit on a line of {@code paper}. */
    public int columnsOn(PaperProfile paper) {
        return paper.columns() / widthScale;
    }
}
