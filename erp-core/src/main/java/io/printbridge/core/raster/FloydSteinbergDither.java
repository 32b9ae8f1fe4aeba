package io.printbridge.core.raster;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a picture (a logo) into black dots by Floyd–Steinberg error diffusion, which keeps grey
 * areas and anti-aliased edges readable on a printer that has only black and white.
 */
public final class FloydSteinbergDither {

    private FloydSteinbergDither() {}

    /**
     * {@code image} scaled down to at most {@code maxWidth} dots (never up), transparent parts
     * white, then dithered.
     */
    public static Bitmap dither(BufferedImage image, int maxWidth) {
        int width = Math.min(maxWidth, image.getWidth());
        int height = Math.max(1, Math.round(image.getHeight() * (width / (float) image.getWidth())));
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int[] level = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            level[i] = pixels[i] & 0xFF;
        }
        boolean[][] black = new boolean[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int old = level[i];
                int now = old < 128 ? 0 : 255;
                black[y][x] = now == 0;
                int error = old - now;
                // Weights 7/16 right, 3/16 below-left, 5/16 below, 1/16 below-right.
                if (x + 1 < width) {
                    level[i + 1] += error * 7 / 16;
                }
                if (y + 1 < height) {
                    if (x > 0) {
                        level[i + width - 1] += error * 3 / 16;
                    }
                    level[i + width] += error * 5 / 16;
                    if (x + 1 < width) {
                        level[i + width + 1] += error / 16;
                    }
                }
            }
        }
        return Bitmap.fromMask(black, width);
    }
}
