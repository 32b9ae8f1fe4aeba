package io.printbridge.core.words;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.printbridge.core.invoice.Language;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AmountInWordsRangeTest {
    private static final Currency DZD = Currency.getInstance("DZD");

    @ParameterizedTest
    @EnumSource(Language.class)
    void negativeAmountIsRefusedNamingTheRange(Language language) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AmountInWords.of(language, DZD).sentence(new BigDecimal("-0.01")))
                .withMessage("amount: -0.01 (expected: 0 to 999999999.99)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void amountOfAMilliardIsRefused(Language language) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AmountInWords.of(language, DZD).sentence(new BigDecimal("1000000000")))
                .withMessage("amount: 1000000000 (expected: 0 to 999999999.99)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void amountWithThreeDecimalsIsRefusedRatherThanRounded(Language language) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AmountInWords.of(language, DZD).sentence(new BigDecimal("1.005")))
                .withMessage("amount: 1.005 (expected: at most 2 decimal places)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void negativeNumberIsRefused(Language language) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AmountInWords.of(language, DZD).number(-1))
                .withMessage("number: -1 (expected: 0 to 999999999999)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void otherCurrencyHasNoWords(Language language) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AmountInWords.of(language, Currency.getInstance("EUR")))
                .withMessage("currency: EUR (expected: DZD)");
    }
}
