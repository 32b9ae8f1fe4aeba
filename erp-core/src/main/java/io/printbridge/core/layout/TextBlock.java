package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

/**
 * A paragraph of logical-order text, wrapped at spaces to the paper width for its style.
 * An empty text prints one blank line.
 */
public record TextBlock(String text, Alignment alignment, TextStyle style, Direction direction) implements Block {

    public TextBlock {
        requireNonNull(text, "text");
        requireNonNull(alignment, "alignment");
        requireNonNull(style, "style");
        requireNonNull(direction, "direction");
    }
}
