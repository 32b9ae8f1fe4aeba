package io.printbridge.core.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.invoice.Language;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchAmountInWordsTest {
    private static final String OPENING = "Arrêtée la présente facture à la somme de : ";
    private final AmountInWords french = AmountInWords.of(Language.FR, Currency.getInstance("DZD"));

    private String sentence(String amount) {
        return french.sentence(new BigDecimal(amount));
    }

    @Test
    void frenchCashExampleTotalReadsAsOnAlgerianInvoices() {
        assertThat(sentence("4158.57"))
                .isEqualTo("Arrêtée la présente facture à la somme de : "
                        + "quatre mille cent cinquante-huit dinars et cinquante-sept centimes.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0          | zéro",
                "1          | un",
                "2          | deux",
                "16         | seize",
                "17         | dix-sept",
                "21         | vingt et un",
                "22         | vingt-deux",
                "31         | trente et un",
                "61         | soixante et un",
                "70         | soixante-dix",
                "71         | soixante et onze",
                "72         | soixante-douze",
                "79         | soixante-dix-neuf",
                "80         | quatre-vingts",
                "81         | quatre-vingt-un",
                "90         | quatre-vingt-dix",
                "91         | quatre-vingt-onze",
                "99         | quatre-vingt-dix-neuf",
                "100        | cent",
                "101        | cent un",
                "180        | cent quatre-vingts",
                "200        | deux cents",
                "201        | deux cent un",
                "1000       | mille",
                "1001       | mille un",
                "2000       | deux mille",
                "4158       | quatre mille cent cinquante-huit",
                "21000      | vingt et un mille",
                "80000      | quatre-vingt mille",
                "80080      | quatre-vingt mille quatre-vingts",
                "200000     | deux cent mille",
                "1000000    | un million",
                "1001000    | un million mille",
                "2000000    | deux millions",
                "80000000   | quatre-vingts millions",
                "200000000  | deux cents millions",
                "999999999  | neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
                "1000000000 | un milliard",
                "2000000000 | deux milliards",
            })
    void numberIsWrittenInTraditionalSpelling(long n, String words) {
        assertThat(french.number(n)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0          | zéro dinar",
                "1          | un dinar",
                "2          | deux dinars",
                "21         | vingt et un dinars",
                "80         | quatre-vingts dinars",
                "200        | deux cents dinars",
                "80000      | quatre-vingt mille dinars",
                "1000000    | un million de dinars",
                "2000000    | deux millions de dinars",
                "1000100    | un million cent dinars",
                "1.01       | un dinar et un centime",
                "2.80       | deux dinars et quatre-vingts centimes",
                "0.50       | zéro dinar et cinquante centimes",
                "1000000.50 | un million de dinars et cinquante centimes",
                "1606.50    | mille six cent six dinars et cinquante centimes",
                "999999999.99 | neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf dinars et quatre-vingt-dix-neuf centimes",
            })
    void amountIsWrittenInDinarsAndCentimes(String amount, String words) {
        assertThat(sentence(amount)).isEqualTo(OPENING + words + ".");
    }

    @Test
    void zeroCentimesWrittenWithDecimalsAreLeftOut() {
        assertThat(sentence("3460.00")).isEqualTo(OPENING + "trois mille quatre cent soixante dinars.");
    }
}
