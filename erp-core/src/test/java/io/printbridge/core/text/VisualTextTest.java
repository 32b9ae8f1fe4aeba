package io.printbridge.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.Bidi;
import io.printbridge.core.layout.Direction;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VisualTextTest {

    @Test
    void french_text_is_unchanged() {
        assertThat(VisualText.of("Fée Maison", Direction.LTR)).isEqualTo("Fée Maison");
    }

    @Test
    void arabic_is_shaped_into_connected_forms_and_reversed_for_printing() {
        // شكرا: sheen initial, kaf medial, reh final, alef isolated; printed from the left: ا ر ك ش
        assertThat(VisualText.of("شكرا", Direction.RTL)).isEqualTo("\uFE8D\uFEAE\uFEDC\uFEB7");
    }

    @Test
    void lam_alef_becomes_one_ligature() {
        assertThat(VisualText.of("لا", Direction.RTL)).isEqualTo("\uFEFB");
    }

    @Test
    void arabic_inside_a_french_line_is_reversed_in_place() {
        assertThat(VisualText.of("Baklawa (بقلاوة)", Direction.LTR))
                .isEqualTo("Baklawa (\uFE93\uFEED\uFEFC\uFED8\uFE91)");
    }

    @Test
    void an_amount_in_an_arabic_line_keeps_its_digit_order() {
        String visual = VisualText.of("المجموع 1\u00A0606,50 دج", Direction.RTL);

        assertThat(visual)
                .isEqualTo(VisualText.of("دج", Direction.RTL) + " 1 606,50 " + VisualText.of("المجموع", Direction.RTL));
    }

    @Test
    void an_isolated_phone_number_keeps_its_order_in_an_arabic_line() {
        String visual = VisualText.of("الهاتف : \u2066+213 21 63 00 00\u2069", Direction.RTL);

        assertThat(visual).startsWith("+213 21 63 00 00 : ").doesNotContain("\u2066", "\u2069");
    }

    @Test
    void no_break_spaces_print_as_spaces() {
        assertThat(VisualText.of("4\u00A0158,57 DA", Direction.LTR)).isEqualTo("4 158,57 DA");
    }

    @Test
    void a_number_in_a_right_to_left_paragraph_is_not_reordered() {
        assertThat(VisualText.of("1\u00A0350,00", Direction.RTL)).isEqualTo("1 350,00");
    }

    @Test
    void arabic_only_lines_come_out_as_the_full_bidi_algorithm_orders_them() throws Exception {
        assertSameAsIcu("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ   .،:()[]!؟«»-", 1);
    }

    @Test
    void number_only_lines_in_arabic_come_out_as_the_full_bidi_algorithm_orders_them() throws Exception {
        assertSameAsIcu("0123456789    ,,..::/\u00A0\u202F×××+-%", 2);
    }

    @Test
    void arabic_lines_with_numbers_come_out_as_the_full_bidi_algorithm_orders_them() throws Exception {
        assertSameAsIcu("ابتثجحخلمنهوي  0123456789  ,.:/\u00A0،×()«»!؟+-%a\u061C\u200F", 3);
    }

    /** Random strings over {@code alphabet} in a right-to-left paragraph, against ICU's own answer. */
    private static void assertSameAsIcu(String alphabet, long seed) throws Exception {
        Random random = new Random(seed);
        for (int n = 0; n < 5000; n++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String logical = text.toString();
            for (Direction direction : new Direction[] {Direction.RTL, Direction.AUTO}) {
                String shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE
                                | ArabicShaping.TEXT_DIRECTION_LOGICAL
                                | ArabicShaping.LENGTH_GROW_SHRINK)
                        .shape(logical);
                Bidi bidi = new Bidi();
                bidi.setPara(shaped, direction == Direction.RTL ? Bidi.RTL : Bidi.LEVEL_DEFAULT_LTR, null);
                String expected = bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS)
                        .replace('\u00A0', ' ')
                        .replace('\u202F', ' ');

                assertThat(VisualText.of(logical, direction))
                        .as("%s \"%s\"", direction, logical)
                        .isEqualTo(expected);
            }
        }
    }
}
