package io.printbridge.core.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.Direction;
import io.printbridge.core.layout.Layout;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.layout.TextStyle;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.core.printer.Typesetter;
import org.junit.jupiter.api.Test;

class EscPosEncoderTest {

    private static final PrinterProfile EPSON = PrinterProfile.epson(PaperProfile.MM_58);

    private static EscPosDecoder.Decoded print(Layout layout, boolean openDrawer) {
        byte[] job = new EscPosEncoder(EPSON).encode(new Typesetter(EPSON).set(layout), openDrawer);
        return new EscPosDecoder(EscPosDecoder.EPSON_TABLES).decode(job);
    }

    private static Layout text(String text) {
        return Layout.builder(PaperProfile.MM_58)
                .text(text, Alignment.LEFT, TextStyle.NORMAL, Direction.LTR)
                .build();
    }

    @Test
    void control_characters_in_text_never_reach_the_printer_as_commands() {
        EscPosDecoder.Decoded decoded = print(text("A\u001B@B\u001DV\u0000C\u001Bp\u0000\u0019\u00FA\u0085D"), false);

        assertThat(decoded.texts()).containsExactly("A @B V C p \u00FA D");
        assertThat(decoded.commands()).containsExactly("ESC @", "ESC t", "text", "LF", "GS V");
    }

    @Test
    void styles_are_sent_only_when_they_change() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .text("un", Alignment.CENTER, TextStyle.BOLD, Direction.LTR)
                .text("deux", Alignment.CENTER, TextStyle.BOLD, Direction.LTR)
                .text("trois", Alignment.LEFT, TextStyle.NORMAL, Direction.LTR)
                .build();

        EscPosDecoder.Decoded decoded = print(layout, false);

        assertThat(decoded.commands())
                .containsExactly(
                        "ESC @", "ESC t", "ESC a", "ESC E", "text", "LF", "text", "LF", "ESC a", "ESC E", "text", "LF",
                        "GS V");
    }

    @Test
    void double_size_text_selects_gs_bang_and_fits_half_the_columns() {
        Layout layout = Layout.builder(PaperProfile.MM_58)
                .text("Boulangerie Pâtisserie du Centre", Alignment.CENTER, TextStyle.DOUBLE, Direction.LTR)
                .build();

        EscPosDecoder.Decoded decoded = print(layout, false);

        assertThat(decoded.lines()).allSatisfy(line -> {
            assertThat(line.widthScale()).isEqualTo(2);
            assertThat(line.printedWidth()).isLessThanOrEqualTo(32);
        });
        assertThat(decoded.texts()).containsExactly("Boulangerie", "Pâtisserie du", "Centre");
    }

    @Test
    void cut_is_the_last_command_and_the_job_starts_with_initialize() {
        EscPosDecoder.Decoded decoded = print(text("x"), true);

        assertThat(decoded.commands()).first().isEqualTo("ESC @");
        assertThat(decoded.commands()).last().isEqualTo("GS V");
    }

    @Test
    void drawer_pulse_comes_before_the_cut_when_asked() {
        EscPosDecoder.Decoded decoded = print(text("x"), true);

        assertThat(decoded.commands()).endsWith("ESC p", "GS V");
    }

    @Test
    void no_drawer_pulse_unless_asked() {
        assertThat(print(text("x"), false).commands()).doesNotContain("ESC p");
    }

    @Test
    void zjiang_profile_cancels_kanji_mode_before_any_text() {
        PrinterProfile zjiang = PrinterProfile.zjiang(PaperProfile.MM_58);
        byte[] job = new EscPosEncoder(zjiang).encode(new Typesetter(zjiang).set(text("Café")), false);

        EscPosDecoder.Decoded decoded = new EscPosDecoder(EscPosDecoder.ZJIANG_TABLES).decode(job);

        assertThat(decoded.commands()).startsWith("ESC @", "FS .", "ESC t");
        assertThat(decoded.selectedTables()).containsExactly(2);
        assertThat(decoded.texts()).containsExactly("Café");
    }
}
