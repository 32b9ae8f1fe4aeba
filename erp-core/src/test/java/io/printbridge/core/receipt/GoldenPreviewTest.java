package io.printbridge.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Previews compared with reviewed pictures in {@code src/test/resources/golden/}, pixel by pixel,
 * allowing {@value #TOLERANCE} of pixels to differ: font rasterizers of other JDKs may move an
 * edge pixel, but a moved line or column changes far more.
 *
 * <p>After an intended layout change, regenerate them with
 * {@code mvn -pl erp-core test -Dtest=GoldenPreviewTest -Dgolden.update=true}, then look at every
 * changed PNG before committing it.
 */
class GoldenPreviewTest {

    private static final double TOLERANCE = 0.005;
    /** Grey levels two pixels may differ by and still count as the same. */
    private static final int SAME_LEVEL = 64;

    private static final Path GOLDEN_SOURCES = Path.of("src/test/resources/golden");

    static Stream<Arguments> previews() {
        return Stream.of(
                Arguments.of("fr-cash-58mm-epson-58", "fr-cash-58mm.json", PrinterProfile.epson(PaperProfile.MM_58)),
                Arguments.of("ar-card-epson-58", "ar-card.json", PrinterProfile.epson(PaperProfile.MM_58)),
                Arguments.of("ar-card-raster-80", "ar-card.json", PrinterProfile.withoutArabic(PaperProfile.MM_80)),
                Arguments.of("mixed-80mm-qr-epson-80", "mixed-80mm-qr.json", PrinterProfile.epson(PaperProfile.MM_80)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("previews")
    void preview_matches_its_golden_picture(String name, String example, PrinterProfile printer) throws IOException {
        byte[] png = new ReceiptRenderer().preview(TestInvoices.shared(example), printer, RenderOptions.defaults());
        BufferedImage actual = ImageIO.read(new ByteArrayInputStream(png));

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN_SOURCES);
            Files.write(GOLDEN_SOURCES.resolve(name + ".png"), png);
            return;
        }
        BufferedImage golden = golden(name);
        assertThat(actual.getWidth()).isEqualTo(printer.paper().dotWidth()).isEqualTo(golden.getWidth());
        assertThat(actual.getHeight()).as("preview height").isEqualTo(golden.getHeight());
        assertThat(differingShare(actual, golden))
                .as("share of differing pixels")
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void a_layout_shifted_by_one_column_is_caught() throws IOException {
        BufferedImage golden = golden("fr-cash-58mm-epson-58");
        BufferedImage shifted = new BufferedImage(golden.getWidth(), golden.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        shifted.getGraphics().drawImage(golden, 12, 0, null);

        assertThat(differingShare(shifted, golden)).isGreaterThan(TOLERANCE);
    }

    private static BufferedImage golden(String name) throws IOException {
        try (InputStream in = GoldenPreviewTest.class.getResourceAsStream("/golden/" + name + ".png")) {
            assertThat(in)
                    .as("golden/%s.png (generate with -Dgolden.update=true)", name)
                    .isNotNull();
            return ImageIO.read(in);
        }
    }

    private static double differingShare(BufferedImage a, BufferedImage b) {
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int levelA = a.getRGB(x, y) & 0xFF;
                int levelB = b.getRGB(x, y) & 0xFF;
                if (Math.abs(levelA - levelB) > SAME_LEVEL) {
                    differing++;
                }
            }
        }
        return differing / (double) (a.getWidth() * a.getHeight());
    }
}
