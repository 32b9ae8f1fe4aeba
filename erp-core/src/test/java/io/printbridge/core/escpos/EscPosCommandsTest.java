package io.printbridge.core.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.core.layout.QrErrorCorrection;
import io.printbridge.core.raster.Bitmap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscPosCommandsTest {

    @Test
    void text_bytes_below_0x20_and_del_go_out_as_spaces() {
        byte[] job = new EscPosCommands(16)
                .text(new byte[] {'A', 0x1B, '@', 0x1D, 'V', 0x0A, 0x7F, 'B'})
                .toByteArray();

        assertThat(job).containsExactly('A', ' ', '@', ' ', 'V', ' ', ' ', 'B');
    }

    @Test
    void qr_store_length_is_the_encoded_byte_count_plus_three() {
        byte[] data = "https://erp.dz/f/Fée-فاتورة".getBytes(StandardCharsets.UTF_8);

        byte[] job = new EscPosCommands(64).qrStore(data).toByteArray();

        int length = (job[3] & 0xFF) + 256 * (job[4] & 0xFF);
        assertThat(length).isEqualTo(data.length + 3).isNotEqualTo("https://erp.dz/f/Fée-فاتورة".length() + 3);
        assertThat(job).startsWith(0x1D, '(', 'k');
    }

    @Test
    void qr_error_correction_m_is_49() {
        byte[] job =
                new EscPosCommands(8).qrErrorCorrection(QrErrorCorrection.M).toByteArray();

        assertThat(job).containsExactly(0x1D, '(', 'k', 3, 0, 49, 69, 49);
    }

    @Test
    void raster_image_is_sent_in_bands_with_width_in_bytes_and_height_in_dots() {
        boolean[][] black = new boolean[EscPosCommands.RASTER_BAND_ROWS + 2][16];
        black[0][0] = true;
        Bitmap bitmap = Bitmap.fromMask(black, 16);

        EscPosDecoder.Decoded decoded = new EscPosDecoder(EscPosDecoder.EPSON_TABLES)
                .decode(new EscPosCommands(64).rasterImage(bitmap).toByteArray());

        assertThat(decoded.rasters()).hasSize(2);
        assertThat(decoded.rasters().get(0).widthBytes()).isEqualTo(2);
        assertThat(decoded.rasters().get(0).height()).isEqualTo(EscPosCommands.RASTER_BAND_ROWS);
        assertThat(decoded.rasters().get(1).height()).isEqualTo(2);
        assertThat(decoded.rasters().get(0).data()[0]).isEqualTo((byte) 0x80);
    }

    @Test
    void character_size_packs_width_in_the_high_nibble() {
        assertThat(new EscPosCommands(8).characterSize(2, 3).toByteArray()).containsExactly(0x1D, '!', 0x12);
    }

    @Test
    void code_table_out_of_range_is_refused_naming_the_value() {
        assertThatThrownBy(() -> new EscPosCommands(8).selectCodeTable(256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code table: 256 (expected: 0 to 255)");
    }

    @Test
    void cut_is_function_b_partial_cut() {
        assertThat(new EscPosCommands(8).feedAndPartialCut(0).toByteArray()).containsExactly(0x1D, 'V', 66, 0);
    }

    @Test
    void drawer_pulse_is_pin_2_for_50_ms() {
        assertThat(new EscPosCommands(8).openDrawer().toByteArray()).containsExactly(0x1B, 'p', 0, 25, 250);
    }
}
