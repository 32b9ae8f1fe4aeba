package io.printbridge.core.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.Cell;
import io.printbridge.core.layout.Direction;
import io.printbridge.core.layout.Layout;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.layout.TextStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypesetterTest {

    private static final PrinterProfile EPSON_58 = PrinterProfile.epson(PaperProfile.MM_58);

    private static List<PrintLine> set(PrinterProfile printer, Layout layout) {
        return new Typesetter(printer).set(layout);
    }

    @Test
    void a_right_to_left_row_puts_its_first_cell_at_the_right_edge() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .row(
                        Direction.RTL,
                        TextStyle.NORMAL,
                        Cell.fill("قهوة", Alignment.RIGHT),
                        Cell.fixed("100,00", 8, Alignment.RIGHT))
                .build();

        TextLine line = (TextLine) set(EPSON_58, layout).get(0);

        assertThat(line.visual()).startsWith("  100,00 ").endsWith("\uFE93\uFEEE\uFEEC\uFED7");
        assertThat(line.visual()).hasSize(32);
        assertThat(line.codePage()).isEqualTo(CodePage.PC864);
    }

    @Test
    void a_left_to_right_row_puts_its_first_cell_at_the_left_edge() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .row(
                        Direction.LTR,
                        TextStyle.NORMAL,
                        Cell.fill("Café", Alignment.LEFT),
                        Cell.fixed("100,00", 8, Alignment.RIGHT))
                .build();

        assertThat(((TextLine) set(EPSON_58, layout).get(0)).visual()).isEqualTo("Café                      100,00");
    }

    @Test
    void a_line_no_code_page_can_print_becomes_a_full_width_raster() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .text("Ω ≠ ∞", Alignment.LEFT, TextStyle.NORMAL, Direction.LTR)
                .build();

        PrintLine line = set(EPSON_58, layout).get(0);

        assertThat(line).isInstanceOf(BitmapLine.class);
        assertThat(((BitmapLine) line).bitmap().width()).isEqualTo(384);
    }

    @Test
    void arabic_is_text_in_pc864_when_the_printer_has_it_and_a_raster_otherwise() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .text("شكرا", Alignment.CENTER, TextStyle.NORMAL, Direction.RTL)
                .build();

        assertThat(set(EPSON_58, layout).get(0)).isInstanceOf(TextLine.class);
        assertThat(set(PrinterProfile.withoutArabic(PaperProfile.MM_58), layout).get(0))
                .isInstanceOf(BitmapLine.class);
    }

    @Test
    void french_text_prints_in_the_printers_latin_code_page() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .text("Fée", Alignment.LEFT, TextStyle.NORMAL, Direction.LTR)
                .build();

        assertThat(((TextLine) set(PrinterProfile.zjiang(PaperProfile.MM_58), layout)
                                .get(0))
                        .codePage())
                .isEqualTo(CodePage.PC850);
    }

    @Test
    void a_layout_for_other_paper_is_refused_naming_both_widths() {
        Layout layout = Layout.builder(PaperProfile.MM_80).rule('-').build();

        assertThatThrownBy(() -> set(EPSON_58, layout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layout paper: 80 mm (expected: the printer's 58 mm)");
    }

    @Test
    void cells_wider_than_the_line_are_refused() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .row(
                        Direction.LTR,
                        TextStyle.NORMAL,
                        Cell.fixed("a", 20, Alignment.LEFT),
                        Cell.fixed("b", 20, Alignment.LEFT))
                .build();

        assertThatThrownBy(() -> set(EPSON_58, layout))
                .hasMessageContaining("41 columns with gaps (expected: at most 32");
    }
}
