package io.printbridge.core.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.printbridge.core.layout.QrErrorCorrection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QrSymbolTest {

    @Test
    void the_printed_symbol_reads_back_as_the_utf8_text() throws Exception {
        String url = "https://erp.feemaison.dz/f/Délices-حلوى";
        Bitmap bitmap = QrSymbol.of(url.getBytes(StandardCharsets.UTF_8), QrErrorCorrection.M)
                .toBitmap(4, 384);

        String read = new QRCodeReader()
                .decode(withQuietZone(bitmap), Map.of(DecodeHintType.CHARACTER_SET, "UTF-8"))
                .getText();

        assertThat(read).isEqualTo(url);
    }

    @Test
    void module_size_shrinks_so_the_symbol_and_quiet_zone_fit_the_paper() {
        QrSymbol symbol = QrSymbol.of(new byte[300], QrErrorCorrection.M);

        int size = symbol.fitModuleSize(6, 384);

        assertThat((symbol.modules() + 8) * size).isLessThanOrEqualTo(384);
        assertThat((symbol.modules() + 8) * (size + 1)).isGreaterThan(384);
    }

    @Test
    void modules_for_bytes_matches_the_symbol_zxing_builds_in_byte_mode() {
        for (int length : new int[] {1, 14, 15, 42, 100, 500, 2000}) {
            byte[] data = new byte[length];
            java.util.Arrays.fill(data, (byte) 0xE9); // é in Latin-1: forces byte mode
            assertThat(QrSymbol.modulesForBytes(length, QrErrorCorrection.M))
                    .as("%d bytes", length)
                    .isEqualTo(QrSymbol.of(data, QrErrorCorrection.M).modules());
        }
    }

    @Test
    void the_symbol_is_centred_on_the_paper() {
        QrSymbol symbol = QrSymbol.of("x".getBytes(StandardCharsets.UTF_8), QrErrorCorrection.M);
        Bitmap bitmap = symbol.toBitmap(4, 384);

        int left = (384 - 21 * 4) / 2;
        assertThat(bitmap.isBlack(left, 0)).isTrue(); // top-left finder pattern
        assertThat(bitmap.isBlack(left - 1, 0)).isFalse();
        assertThat(bitmap.width()).isEqualTo(384);
    }

    private static BinaryBitmap withQuietZone(Bitmap bitmap) {
        int margin = 16;
        int width = bitmap.width();
        int height = bitmap.height() + 2 * margin;
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        for (int y = 0; y < bitmap.height(); y++) {
            for (int x = 0; x < width; x++) {
                if (bitmap.isBlack(x, y)) {
                    pixels[(y + margin) * width + x] = 0xFF000000;
                }
            }
        }
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
    }
}
