package io.printbridge.core.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.TextStyle;

/**
 * Characters printed from a code page.
 *
 * @param visual    the characters in left-to-right printing order (Arabic already shaped and
 *                  reordered), every one encodable in {@code codePage}, at most as many as fit the
 *                  paper in {@code style}
 * @param alignment where the printer justifies the line
 */
public record TextLine(String visual, Alignment alignment, TextStyle style, CodePage codePage) implements PrintLine {

    public TextLine {
        requireNonNull(visual, "visual");
        requireNonNull(alignment, "alignment");
        requireNonNull(style, "style");
        requireNonNull(codePage, "codePage");
    }
}
