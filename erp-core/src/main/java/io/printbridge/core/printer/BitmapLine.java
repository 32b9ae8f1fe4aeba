package io.printbridge.core.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.raster.Bitmap;

/** Dots printed as a raster image, already the full paper width and placed within it. */
public record BitmapLine(Bitmap bitmap) implements PrintLine {

    public BitmapLine {
        requireNonNull(bitmap, "bitmap");
    }
}
