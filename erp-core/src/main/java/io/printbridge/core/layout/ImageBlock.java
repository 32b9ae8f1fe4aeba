package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;

/**
 * A picture such as the shop's logo, scaled down to at most {@code maxWidthDots} (never up) and
 * dithered to black dots. The layout keeps the image as given: do not change it afterwards.
 */
public record ImageBlock(BufferedImage image, int maxWidthDots, Alignment alignment) implements Block {

    public ImageBlock {
        requireNonNull(image, "image");
        requireNonNull(alignment, "alignment");
        if (maxWidthDots < 8) {
            throw new IllegalArgumentException("maxWidthDots: " + maxWidthDots + " (expected: at least 8)");
        }
    }
}
