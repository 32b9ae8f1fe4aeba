package io.printbridge.core.layout;

/** Blank paper: {@code lines} empty text lines. */
public record FeedBlock(int lines) implements Block {

    public FeedBlock {
        if (lines < 1 || lines > 255) {
            throw new IllegalArgumentException("lines: " + lines + " (expected: 1 to 255)");
        }
    }
}
