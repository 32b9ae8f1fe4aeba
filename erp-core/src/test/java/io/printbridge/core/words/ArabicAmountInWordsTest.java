package io.printbridge.core.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.invoice.Language;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArabicAmountInWordsTest {
    private static final String OPENING = "أوقفت هذه الفاتورة على مبلغ: ";
    private final AmountInWords arabic = AmountInWords.of(Language.AR, Currency.getInstance("DZD"));

    private String words(String amount) {
        String sentence = arabic.sentence(new BigDecimal(amount));
        assertThat(sentence).startsWith(OPENING).endsWith(".");
        return sentence.substring(OPENING.length(), sentence.length() - 1);
    }

    @Test
    void arabicCardExampleTotalReadsAsOnAlgerianInvoices() {
        assertThat(arabic.sentence(new BigDecimal("1606.50")))
                .isEqualTo("أوقفت هذه الفاتورة على مبلغ: ألف وستمائة وستة دنانير وخمسون سنتيما.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0        | صفر دينار",
                "1        | دينار واحد",
                "2        | ديناران",
                "3        | ثلاثة دنانير",
                "10       | عشرة دنانير",
                "11       | أحد عشر دينارا",
                "12       | اثنا عشر دينارا",
                "19       | تسعة عشر دينارا",
                "20       | عشرون دينارا",
                "21       | واحد وعشرون دينارا",
                "99       | تسعة وتسعون دينارا",
                "100      | مائة دينار",
                "101      | مائة دينار ودينار",
                "102      | مائة دينار وديناران",
                "103      | مائة وثلاثة دنانير",
                "111      | مائة وأحد عشر دينارا",
                "200      | مائتا دينار",
                "250      | مائتان وخمسون دينارا",
                "300      | ثلاثمائة دينار",
                "1000     | ألف دينار",
                "1001     | ألف دينار ودينار",
                "1606     | ألف وستمائة وستة دنانير",
                "2000     | ألفا دينار",
                "2500     | ألفان وخمسمائة دينار",
                "3000     | ثلاثة آلاف دينار",
                "11000    | أحد عشر ألف دينار",
                "11500    | أحد عشر ألفا وخمسمائة دينار",
                "100000   | مائة ألف دينار",
                "101000   | مائة ألف وألف دينار",
                "200000   | مائتا ألف دينار",
                "1000000  | مليون دينار",
                "1100000  | مليون ومائة ألف دينار",
                "2000000  | مليونا دينار",
                "3000000  | ثلاثة ملايين دينار",
                "11000000 | أحد عشر مليون دينار",
            })
    void dinarsAgreeWithTheirNumber(String amount, String words) {
        assertThat(words(amount)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1.01  | دينار واحد وسنتيم واحد",
                "2.02  | ديناران وسنتيمان",
                "3.03  | ثلاثة دنانير وثلاثة سنتيمات",
                "0.50  | صفر دينار وخمسون سنتيما",
                "10.99 | عشرة دنانير وتسعة وتسعون سنتيما",
            })
    void centimesAgreeWithTheirNumber(String amount, String words) {
        assertThat(words(amount)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0       | صفر",
                "1       | واحد",
                "2       | اثنان",
                "12      | اثنا عشر",
                "101     | مائة وواحد",
                "200     | مائتان",
                "2000    | ألفان",
                "11000   | أحد عشر ألفا",
                "1000000000 | مليار",
                "3000000000 | ثلاثة مليارات",
            })
    void numberWithoutUnitUsesTheStandAloneForms(long n, String words) {
        assertThat(arabic.number(n)).isEqualTo(words);
    }

    @Test
    void zeroCentimesAreLeftOut() {
        assertThat(words("1350.00")).isEqualTo("ألف وثلاثمائة وخمسون دينارا");
    }
}
