package io.printbridge.core.raster;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * An immutable one-bit picture packed as raster printers want it: rows top to bottom, each row
 * {@link #bytesPerRow()} bytes, the most significant bit the leftmost dot, 1 for a black dot.
 */
public final class Bitmap {

    private final int width;
    private final int height;
    private final int bytesPerRow;
    private final byte[] bits;

    private Bitmap(int width, int height, byte[] bits) {
        this.width = width;
        this.height = height;
        this.bytesPerRow = (width + 7) / 8;
        this.bits = bits;
    }

    /** Black where the grey image is darker than mid-grey. */
    public static Bitmap fromGray(BufferedImage gray) {
        if (gray.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("image type: " + gray.getType() + " (expected: TYPE_BYTE_GRAY)");
        }
        int width = gray.getWidth();
        int height = gray.getHeight();
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int bytesPerRow = (width + 7) / 8;
        byte[] bits = new byte[bytesPerRow * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((pixels[y * width + x] & 0xFF) < 128) {
                    bits[y * bytesPerRow + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return new Bitmap(width, height, bits);
    }

    /** A bitmap from {@code black[y][x]}. */
    public static Bitmap fromMask(boolean[][] black, int width) {
        int height = black.length;
        int bytesPerRow = (width + 7) / 8;
        byte[] bits = new byte[bytesPerRow * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (black[y][x]) {
                    bits[y * bytesPerRow + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return new Bitmap(width, height, bits);
    }

    /** This bitmap on a blank band {@code width} dots wide, its left edge at {@code left}. */
    public Bitmap placedOn(int width, int left) {
        if (left < 0 || left + this.width > width) {
            throw new IllegalArgumentException("left: " + left + " (expected: 0.." + (width - this.width) + " to fit "
                    + this.width + " dots in " + width + ")");
        }
        boolean[][] black = new boolean[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < this.width; x++) {
                black[y][left + x] = isBlack(x, y);
            }
        }
        return fromMask(black, width);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bytesPerRow() {
        return bytesPerRow;
    }

    public boolean isBlack(int x, int y) {
        return (bits[y * bytesPerRow + (x >> 3)] & (0x80 >>> (x & 7))) != 0;
    }

    /** Rows {@code [fromRow, fromRow + rows)}, packed, as a new array. */
    public byte[] rows(int fromRow, int rows) {
        if (fromRow < 0 || rows < 0 || fromRow + rows > height) {
            throw new IndexOutOfBoundsException(
                    "rows " + fromRow + "+" + rows + " (expected: within 0.." + height + ")");
        }
        return Arrays.copyOfRange(bits, fromRow * bytesPerRow, (fromRow + rows) * bytesPerRow);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitmap other
                && other.width == width
                && other.height == height
                && Arrays.equals(other.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Bitmap[" + width + "×" + height + "]";
    }
}
