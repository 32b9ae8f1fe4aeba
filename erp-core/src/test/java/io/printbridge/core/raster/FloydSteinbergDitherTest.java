package io.printbridge.core.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FloydSteinbergDitherTest {

    private static BufferedImage filled(Color color, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static double blackShare(Bitmap bitmap) {
        int black = 0;
        for (int y = 0; y < bitmap.height(); y++) {
            for (int x = 0; x < bitmap.width(); x++) {
                black += bitmap.isBlack(x, y) ? 1 : 0;
            }
        }
        return black / (double) (bitmap.width() * bitmap.height());
    }

    @Test
    void mid_grey_becomes_about_half_black_dots() {
        assertThat(blackShare(FloydSteinbergDither.dither(filled(new Color(128, 128, 128), 64, 64), 384)))
                .isBetween(0.45, 0.55);
    }

    @Test
    void white_stays_blank_and_black_stays_black() {
        assertThat(blackShare(FloydSteinbergDither.dither(filled(Color.WHITE, 32, 8), 384)))
                .isZero();
        assertThat(blackShare(FloydSteinbergDither.dither(filled(Color.BLACK, 32, 8), 384)))
                .isEqualTo(1.0);
    }

    @Test
    void a_wide_picture_is_scaled_down_to_the_paper_keeping_its_proportions() {
        Bitmap bitmap = FloydSteinbergDither.dither(filled(Color.BLACK, 1000, 500), 384);

        assertThat(bitmap.width()).isEqualTo(384);
        assertThat(bitmap.height()).isEqualTo(192);
    }

    @Test
    void a_small_picture_is_not_scaled_up() {
        assertThat(FloydSteinbergDither.dither(filled(Color.BLACK, 100, 40), 384)
                        .width())
                .isEqualTo(100);
    }
}
