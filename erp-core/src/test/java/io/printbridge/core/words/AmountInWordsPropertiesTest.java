package io.printbridge.core.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.invoice.Language;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the amount in words over the whole range (0 to 999 999 999.99): every amount
 * below 100 000 dinars and 20 000 sampled ones (see {@link SampleAmounts}). The words are read
 * back by small independent readers, so a wrong value fails even where no example was written.
 */
class AmountInWordsPropertiesTest {
    private static final Currency DZD = Currency.getInstance("DZD");
    private static final AmountInWords FRENCH = AmountInWords.of(Language.FR, DZD);
    private static final AmountInWords ARABIC = AmountInWords.of(Language.AR, DZD);
    private static final List<Long> SAMPLES = SampleAmounts.centimes(20_000);

    /** Every dinar amount below 100 000 (with varying centimes), then the samples. */
    private static void forEachAmount(LongConsumer check) {
        LongStream.range(0, 100_000).map(dinars -> dinars * 100 + dinars % 100).forEach(check);
        SAMPLES.forEach(check::accept);
    }

    private static BigDecimal amount(long centimes) {
        return BigDecimal.valueOf(centimes, 2);
    }

    /** The amounts whose words read back as another amount, with what they read back as. */
    private static List<String> misreadSentences(AmountInWords words, ToLongFunction<String> reader) {
        List<String> misread = new ArrayList<>();
        forEachAmount(centimes -> {
            String sentence = words.sentence(amount(centimes));
            if (reader.applyAsLong(sentence) != centimes) {
                misread.add(amount(centimes) + " → " + sentence);
            }
        });
        return misread;
    }

    /** Numbers up to {@link AmountInWords#MAX_NUMBER} whose words read back as another number. */
    private static List<String> misreadNumbers(AmountInWords words, ToLongFunction<String> reader) {
        List<String> misread = new ArrayList<>();
        LongStream.concat(LongStream.range(0, 100_000), SAMPLES.stream().mapToLong(c -> c * 10 + c % 7))
                .forEach(n -> {
                    if (reader.applyAsLong(words.number(n)) != n) {
                        misread.add(n + " → " + words.number(n));
                    }
                });
        return misread;
    }

    @Test
    void frenchSentenceReadsBackAsTheSameAmount() {
        assertThat(misreadSentences(FRENCH, FrenchWordsReader::sentenceCentimes))
                .isEmpty();
    }

    @Test
    void frenchNumberReadsBackUpToAThousandMilliards() {
        assertThat(misreadNumbers(FRENCH, FrenchWordsReader::number)).isEmpty();
    }

    /** Spellings a French sentence must never contain, each with the rule it would break. */
    private static final Map<String, Pattern> FRENCH_MISTAKES = Map.of(
            "double space",
            Pattern.compile("  "),
            "«un mille»: a thousands group of one is «mille»",
            Pattern.compile("(: |millions? |milliards? )un mille\\b"),
            "reform hyphens «-et-»",
            Pattern.compile("-et-"),
            "«vingt-un» instead of «vingt et un»",
            Pattern.compile("((?<!quatre-)vingt|trente|quarante|cinquante|soixante)-un\\b"),
            "«quatre-vingt et un»",
            Pattern.compile("quatre-vingt et"),
            "«vingts»/«cents» followed by a number",
            Pattern.compile("(vingts|cents) (?!(millions|milliards|de dinars|dinars|centimes)\\b)"),
            "«deux cent» without s at the end of a number",
            Pattern.compile("(deux|trois|quatre|cinq|six|sept|huit|neuf) cent (dinars|centimes|millions|de)\\b"),
            "«quatre-vingt» without s at the end of a number",
            Pattern.compile("quatre-vingt (dinars|centimes|millions|de)\\b"));

    @Test
    void frenchSentenceHasTheShapeOfAnInvoiceSentence() {
        List<String> wrong = new ArrayList<>();
        forEachAmount(centimes -> {
            String sentence = FRENCH.sentence(amount(centimes));
            long dinars = centimes / 100;
            FRENCH_MISTAKES.forEach((mistake, pattern) -> {
                if (pattern.matcher(sentence).find()) {
                    wrong.add(mistake + ": " + sentence);
                }
            });
            if (!sentence.startsWith("Arrêtée la présente facture à la somme de : ") || !sentence.endsWith(".")) {
                wrong.add("opening or final stop: " + sentence);
            }
            if (sentence.contains(" dinars") != dinars >= 2) {
                wrong.add("«dinars» only from 2: " + sentence);
            }
            if (sentence.contains(" de dinars") != (dinars > 0 && dinars % 1_000_000 == 0)) {
                wrong.add("«de dinars» after exact millions only: " + sentence);
            }
            if (sentence.contains("centime") != (centimes % 100 != 0)) {
                wrong.add("centimes only when not zero: " + sentence);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void arabicSentenceReadsBackAsTheSameAmount() {
        assertThat(misreadSentences(ARABIC, ArabicWordsReader::sentenceCentimes))
                .isEmpty();
    }

    @Test
    void arabicNumberReadsBackUpToAThousandMilliards() {
        assertThat(misreadNumbers(ARABIC, ArabicWordsReader::number)).isEmpty();
    }

    @Test
    void arabicNounTakesTheFormItsLastTwoDigitsCallFor() {
        List<String> wrong = new ArrayList<>();
        forEachAmount(centimes -> {
            String sentence = ARABIC.sentence(amount(centimes));
            String dinar = form((int) (centimes / 100 % 100), "دينار", "ديناران", "دنانير", "دينارا");
            if (!ArabicWordsReader.lastNoun(sentence, ArabicWordsReader.DINAR).equals(dinar)) {
                wrong.add("expected " + dinar + ": " + sentence);
            }
            int cents = (int) (centimes % 100);
            if (cents == 0 && sentence.contains("سنتيم")) {
                wrong.add("no centimes expected: " + sentence);
            }
            if (cents > 0) {
                String centime = form(cents, "سنتيم", "سنتيمان", "سنتيمات", "سنتيما");
                if (!ArabicWordsReader.lastNoun(sentence, ArabicWordsReader.CENTIME)
                        .equals(centime)) {
                    wrong.add("expected " + centime + ": " + sentence);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** Arabic grammar: the counted noun's form follows the number's last two digits. */
    private static String form(int lastTwoDigits, String singular, String dual, String plural, String accusative) {
        if (lastTwoDigits == 2) {
            return dual;
        }
        if (lastTwoDigits >= 3 && lastTwoDigits <= 10) {
            return plural;
        }
        return lastTwoDigits >= 11 ? accusative : singular;
    }

    @Test
    void arabicSentenceHasTheShapeOfAnInvoiceSentence() {
        Pattern mistakes = Pattern.compile("  |و |[0-9A-Za-z]");
        List<String> wrong = new ArrayList<>();
        forEachAmount(centimes -> {
            String sentence = ARABIC.sentence(amount(centimes));
            if (!sentence.startsWith("أوقفت هذه الفاتورة على مبلغ: ")
                    || !sentence.endsWith(".")
                    || mistakes.matcher(sentence).find()) {
                wrong.add(sentence);
            }
        });
        assertThat(wrong).isEmpty();
    }
}
