package io.printbridge.core.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import org.junit.jupiter.api.Test;

class ReceiptFontTest {

    private static final FontRenderContext PLAIN = new FontRenderContext(null, false, false);

    @Test
    void the_shipped_font_loads_from_the_classpath_and_draws_latin_and_arabic() {
        Font font = ReceiptFont.forCell(12);

        assertThat(font.getFamily()).isEqualTo("DejaVu Sans Mono");
        assertThat(font.canDisplayUpTo("Fée Maison € × «»")).isEqualTo(-1);
        assertThat(font.canDisplayUpTo("\uFE8D\uFEAE\uFEDC\uFEB7\uFEFB\uFEFC\uFE91\uFE92\uFEE9"))
                .isEqualTo(-1);
        assertThat(font.canDisplayUpTo("شكرا على زيارتكم")).isEqualTo(-1);
    }

    @Test
    void every_glyph_advances_exactly_one_cell_so_columns_line_up() {
        Font font = ReceiptFont.forCell(12);
        String sample = "Wiéè1 ,.×%ﺍﺮﻜﺷﻻﺑﺒﺔ";

        GlyphVector glyphs = font.createGlyphVector(PLAIN, sample.toCharArray());

        for (int i = 0; i < sample.length(); i++) {
            assertThat(glyphs.getGlyphMetrics(i).getAdvance())
                    .as("'%s'", sample.charAt(i))
                    .isEqualTo(12f, org.assertj.core.data.Offset.offset(0.1f));
        }
    }

    @Test
    void the_licence_ships_beside_the_font() {
        assertThat(ReceiptFont.class.getResource("font/LICENSE-DejaVu.txt")).isNotNull();
    }
}
