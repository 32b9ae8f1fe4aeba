/**
 * Dots: one-bit bitmaps as GS v 0 sends them, dithering of pictures, the shipped receipt font
 * (DejaVu Sans Mono, loaded from the classpath) drawn one character per cell, and QR symbols.
 * Everything here runs headless.
 */
@NullMarked
package io.printbridge.core.raster;

import org.jspecify.annotations.NullMarked;
