package io.printbridge.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountFormatTest {

    @Test
    void money_has_no_break_space_thousands_and_a_decimal_comma() {
        assertThat(AmountFormat.money(new BigDecimal("4158.57"))).isEqualTo("4\u00A0158,57");
    }

    @Test
    void money_always_has_two_decimals() {
        assertThat(AmountFormat.money(new BigDecimal("1350"))).isEqualTo("1\u00A0350,00");
        assertThat(AmountFormat.money(new BigDecimal("0.5"))).isEqualTo("0,50");
    }

    @Test
    void millions_group_every_three_digits() {
        assertThat(AmountFormat.money(new BigDecimal("999999999.99"))).isEqualTo("999\u00A0999\u00A0999,99");
    }

    @Test
    void negative_money_keeps_its_sign_in_front() {
        assertThat(AmountFormat.money(new BigDecimal("-1234.5"))).isEqualTo("-1\u00A0234,50");
    }

    @Test
    void quantities_show_only_the_decimals_they_need() {
        assertThat(AmountFormat.quantity(new BigDecimal("2"))).isEqualTo("2");
        assertThat(AmountFormat.quantity(new BigDecimal("1.500"))).isEqualTo("1,5");
        assertThat(AmountFormat.quantity(new BigDecimal("1E+3"))).isEqualTo("1\u00A0000");
    }
}
