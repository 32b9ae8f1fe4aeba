package io.printbridge.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void control_characters_become_spaces() {
        assertThat(TextSanitizer.printable("A\u001BB\u0000C\tD\u0085E\u007FF")).isEqualTo("A B C D E F");
    }

    @Test
    void bidi_overrides_are_dropped_so_an_amount_cannot_be_shown_reversed() {
        assertThat(TextSanitizer.printable("Total \u202E00,001\u202C")).isEqualTo("Total 00,001");
    }

    @Test
    void bidi_isolates_and_marks_are_kept() {
        assertThat(TextSanitizer.printable("\u2066a\u2069\u200F")).isEqualTo("\u2066a\u2069\u200F");
    }

    @Test
    void decomposed_accents_are_composed() {
        assertThat(TextSanitizer.printable("Fe\u0301e")).isEqualTo("Fée");
    }

    @Test
    void arabic_harakat_are_dropped() {
        assertThat(TextSanitizer.printable("مُحَمَّد")).isEqualTo("محمد");
    }

    @Test
    void arabic_presentation_forms_go_back_to_letters() {
        assertThat(TextSanitizer.printable("\uFEB7\uFEDC\uFEAE\uFE8E")).isEqualTo("شكرا");
    }

    @Test
    void characters_beyond_the_basic_plane_become_replacement_characters() {
        assertThat(TextSanitizer.printable("ok 👍")).isEqualTo("ok \uFFFD");
    }

    @Test
    void plain_french_text_is_returned_as_is() {
        String text = "Arrêtée la présente facture";

        assertThat(TextSanitizer.printable(text)).isSameAs(text);
    }
}
