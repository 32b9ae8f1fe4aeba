package io.printbridge.core.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.layout.TextStyle;
import io.printbridge.core.printer.BitmapLine;
import io.printbridge.core.printer.CodePage;
import io.printbridge.core.printer.FeedLine;
import io.printbridge.core.printer.PrintLine;
import io.printbridge.core.printer.TextLine;
import io.printbridge.core.raster.Bitmap;
import io.printbridge.core.raster.TextRasterizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngPreviewRendererTest {

    @Test
    void the_preview_is_as_wide_as_the_paper_in_dots() {
        List<PrintLine> lines = List.of(new FeedLine(1));

        assertThat(new PngPreviewRenderer(PaperProfile.MM_58).render(lines).getWidth())
                .isEqualTo(384);
        assertThat(new PngPreviewRenderer(PaperProfile.MM_80).render(lines).getWidth())
                .isEqualTo(576);
    }

    @Test
    void a_raster_line_is_drawn_dot_for_dot() {
        boolean[][] black = new boolean[3][384];
        black[1][7] = true;
        black[2][383] = true;

        BufferedImage image =
                new PngPreviewRenderer(PaperProfile.MM_58).render(List.of(new BitmapLine(Bitmap.fromMask(black, 384))));

        int top = 12; // margin
        assertThat(image.getRGB(7, top + 1) & 0xFF).isZero();
        assertThat(image.getRGB(383, top + 2) & 0xFF).isZero();
        assertThat(image.getRGB(8, top + 1) & 0xFF).isEqualTo(255);
    }

    @Test
    void a_text_line_looks_like_the_same_line_sent_as_a_raster() {
        String text = "Total TTC            4 158,57 DA";
        BufferedImage asText = new PngPreviewRenderer(PaperProfile.MM_58)
                .render(List.of(new TextLine(text, Alignment.LEFT, TextStyle.BOLD, CodePage.PC858)));
        BufferedImage asRaster = new PngPreviewRenderer(PaperProfile.MM_58)
                .render(List.of(new BitmapLine(
                        TextRasterizer.rasterize(text, Alignment.LEFT, TextStyle.BOLD, PaperProfile.MM_58))));

        int differing = 0;
        for (int y = 0; y < asText.getHeight(); y++) {
            for (int x = 0; x < asText.getWidth(); x++) {
                differing += (asText.getRGB(x, y) & 0xFF) < 128 != (asRaster.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
            }
        }
        assertThat(differing).isZero();
    }

    @Test
    void png_bytes_decode_to_the_rendered_image() throws Exception {
        byte[] png = new PngPreviewRenderer(PaperProfile.MM_58).png(List.of(new FeedLine(2)));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(image.getWidth()).isEqualTo(384);
        assertThat(image.getHeight()).isEqualTo(2 * 30 + 2 * 12);
    }
}
