package io.printbridge.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineWrapperTest {

    @Test
    void text_that_fits_stays_one_line() {
        assertThat(LineWrapper.wrap("Café crème", 32)).containsExactly("Café crème");
    }

    @Test
    void long_text_breaks_at_spaces_within_the_width() {
        assertThat(LineWrapper.wrap("Tarte aux fraises et à la crème pâtissière", 15))
                .containsExactly("Tarte aux", "fraises et à la", "crème", "pâtissière")
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(15));
    }

    @Test
    void an_amount_with_no_break_spaces_moves_down_whole_rather_than_being_cut() {
        assertThat(LineWrapper.wrap("Total 1\u00A0234\u00A0567,89", 12))
                .containsExactly("Total", "1\u00A0234\u00A0567,89");
    }

    @Test
    void a_word_longer_than_the_line_is_split() {
        assertThat(LineWrapper.wrap("https://erp.feemaison.dz/f/1", 10))
                .containsExactly("https://er", "p.feemaiso", "n.dz/f/1");
    }

    @Test
    void repeated_and_edge_spaces_collapse() {
        assertThat(LineWrapper.wrap("  a   b  ", 32)).containsExactly("a b");
    }

    @Test
    void empty_text_is_one_empty_line() {
        assertThat(LineWrapper.wrap("", 32)).containsExactly("");
    }

    @Test
    void bidi_isolates_take_no_width() {
        assertThat(LineWrapper.width("\u2066+213 21\u2069")).isEqualTo(7);
        assertThat(LineWrapper.wrap("ab \u2066cd\u2069", 5)).containsExactly("ab \u2066cd\u2069");
    }

    @Test
    void width_below_one_is_refused() {
        assertThatThrownBy(() -> LineWrapper.wrap("x", 0)).hasMessage("width: 0 (expected: at least 1)");
    }
}
