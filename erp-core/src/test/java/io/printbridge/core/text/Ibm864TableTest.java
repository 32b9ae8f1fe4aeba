package io.printbridge.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ibm864TableTest {

    private static final CharTable PC864 = Ibm864Table.create();
    private static final Charset IBM864 = Charset.forName("IBM864");

    /** Every assigned letter presentation form (isolated, final, initial, medial) of U+FE70–U+FEFC. */
    private static List<Character> positionalForms() {
        List<Character> forms = new ArrayList<>();
        for (char c = '\uFE80'; c <= '\uFEFC'; c++) {
            int type = UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
            if (type == UCharacter.DecompositionType.ISOLATED
                    || type == UCharacter.DecompositionType.FINAL
                    || type == UCharacter.DecompositionType.INITIAL
                    || type == UCharacter.DecompositionType.MEDIAL) {
                forms.add(c);
            }
        }
        return forms;
    }

    @Test
    void every_arabic_letter_in_every_positional_form_encodes_to_a_real_glyph() {
        List<Character> forms = positionalForms();

        assertThat(forms)
                .hasSize(125); // U+FE80–U+FEFC: hamza, 116 positional forms of letters, 4 lam-alef ligatures × 2
        assertThat(forms).allSatisfy(form -> {
            byte b = PC864.encode(String.valueOf(form))[0];
            assertThat(PC864.canEncode(form)).as("U+%04X", (int) form).isTrue();
            assertThat(b).as("U+%04X", (int) form).isNotEqualTo((byte) '?').isNotEqualTo((byte) ' ');
            assertThat(b & 0xFF).as("U+%04X", (int) form).isGreaterThanOrEqualTo(0x80);
        });
    }

    @Test
    void every_basic_arabic_letter_encodes_to_a_real_glyph() {
        for (char c = '\u0621'; c <= '\u064A'; c++) {
            if (UCharacter.isLetter(c) && Character.isDefined(c) && (c < '\u063B' || c > '\u063F')) {
                assertThat(PC864.encode(String.valueOf(c))[0])
                        .as("U+%04X", (int) c)
                        .isNotEqualTo((byte) '?')
                        .isNotEqualTo((byte) ' ');
            }
        }
    }

    @Test
    void algerian_veh_prints_as_feh_in_each_form() {
        // ڤ (V in Algerian names) in isolated, final, initial, medial form: FB6A–FB6D.
        String veh = "\uFB6A\uFB6B\uFB6C\uFB6D";
        String feh = "\uFED1\uFED2\uFED3\uFED4";

        assertThat(PC864.encode(veh)).containsExactly(PC864.encode(feh));
    }

    @Test
    void a_missing_medial_form_prints_as_the_initial_form_of_the_same_letter() {
        // beh medial U+FE92 is not in PC864; beh initial U+FE91 is.
        assertThat(PC864.encode("\uFE92")).containsExactly(PC864.encode("\uFE91"));
        assertThat(decode(PC864.encode("\uFE92"))).isEqualTo("\uFE91");
    }

    @Test
    void a_missing_final_form_prints_as_the_isolated_form_of_the_same_letter() {
        // heh final U+FEEA → heh isolated U+FEE9; teh marbuta final U+FE94 → isolated U+FE93.
        assertThat(decode(PC864.encode("\uFEEA\uFE94"))).isEqualTo("\uFEE9\uFE93");
    }

    @Test
    void lam_alef_with_hamza_below_prints_as_plain_lam_alef() {
        assertThat(decode(PC864.encode("\uFEF9\uFEFA"))).isEqualTo("\uFEFB\uFEFC");
    }

    @Test
    void forms_pc864_has_print_as_themselves() {
        String present = "\uFE8D\uFE8E\uFE91\uFEDF\uFECC\uFEFB";

        assertThat(decode(PC864.encode(present))).isEqualTo(present);
    }

    @Test
    void ascii_percent_prints_with_the_arabic_percent_byte() {
        assertThat(PC864.encode("%")).containsExactly(0x25);
    }

    @Test
    void no_character_maps_to_a_byte_below_0x20() {
        for (char c = 0; c < 0xFFFF; c++) {
            if (PC864.canEncode(c)) {
                assertThat(PC864.encode(String.valueOf(c))[0] & 0xFF)
                        .as("U+%04X", (int) c)
                        .isGreaterThanOrEqualTo(0x20)
                        .isNotEqualTo(0x7F);
            }
        }
    }

    private static String decode(byte[] bytes) {
        return IBM864.decode(ByteBuffer.wrap(bytes)).toString();
    }
}
