package io.printbridge.core.words;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads Arabic number words (with their counted noun) back into a number. Written independently
 * of the code under test: it adds numbers, multiplies by scale words and counts a noun as 1 or 2
 * when no number stands before it, so a round trip checks the value of the words.
 */
final class ArabicWordsReader {
    private static final String OPENING = "أوقفت هذه الفاتورة على مبلغ: ";

    private enum Form {
        SINGULAR,
        DUAL,
        DUAL_OR_ACCUSATIVE,
        PLURAL
    }

    private enum Previous {
        NOTHING,
        NUMBER,
        SCALE,
        NOUN
    }

    private record Scale(long value, Form form) {}

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("صفر", 0),
            Map.entry("واحد", 1),
            Map.entry("أحد", 1),
            Map.entry("اثنان", 2),
            Map.entry("اثنا", 2),
            Map.entry("ثلاثة", 3),
            Map.entry("أربعة", 4),
            Map.entry("خمسة", 5),
            Map.entry("ستة", 6),
            Map.entry("سبعة", 7),
            Map.entry("ثمانية", 8),
            Map.entry("تسعة", 9),
            Map.entry("عشرة", 10),
            Map.entry("عشر", 10),
            Map.entry("عشرون", 20),
            Map.entry("ثلاثون", 30),
            Map.entry("أربعون", 40),
            Map.entry("خمسون", 50),
            Map.entry("ستون", 60),
            Map.entry("سبعون", 70),
            Map.entry("ثمانون", 80),
            Map.entry("تسعون", 90),
            Map.entry("مائة", 100),
            Map.entry("مائتان", 200),
            Map.entry("مائتا", 200),
            Map.entry("ثلاثمائة", 300),
            Map.entry("أربعمائة", 400),
            Map.entry("خمسمائة", 500),
            Map.entry("ستمائة", 600),
            Map.entry("سبعمائة", 700),
            Map.entry("ثمانمائة", 800),
            Map.entry("تسعمائة", 900));

    private static final Map<String, Scale> SCALES = Map.ofEntries(
            Map.entry("ألف", new Scale(1000, Form.SINGULAR)),
            Map.entry("ألفان", new Scale(1000, Form.DUAL)),
            Map.entry("ألفا", new Scale(1000, Form.DUAL_OR_ACCUSATIVE)),
            Map.entry("آلاف", new Scale(1000, Form.PLURAL)),
            Map.entry("مليون", new Scale(1_000_000, Form.SINGULAR)),
            Map.entry("مليونان", new Scale(1_000_000, Form.DUAL)),
            Map.entry("مليونا", new Scale(1_000_000, Form.DUAL_OR_ACCUSATIVE)),
            Map.entry("ملايين", new Scale(1_000_000, Form.PLURAL)),
            Map.entry("مليار", new Scale(1_000_000_000, Form.SINGULAR)),
            Map.entry("ملياران", new Scale(1_000_000_000, Form.DUAL)),
            Map.entry("مليارا", new Scale(1_000_000_000, Form.DUAL_OR_ACCUSATIVE)),
            Map.entry("مليارات", new Scale(1_000_000_000, Form.PLURAL)));

    static final Map<String, Form> DINAR = Map.of(
            "دينار", Form.SINGULAR, "ديناران", Form.DUAL, "دينارا", Form.DUAL_OR_ACCUSATIVE, "دنانير", Form.PLURAL);
    static final Map<String, Form> CENTIME = Map.of(
            "سنتيم", Form.SINGULAR, "سنتيمان", Form.DUAL, "سنتيما", Form.DUAL_OR_ACCUSATIVE, "سنتيمات", Form.PLURAL);

    private ArabicWordsReader() {}

    /** The amount in centimes of a closing sentence. */
    static long sentenceCentimes(String sentence) {
        if (!sentence.startsWith(OPENING) || !sentence.endsWith(".")) {
            throw new IllegalArgumentException("not an invoice sentence: " + sentence);
        }
        List<String> words = Arrays.asList(
                sentence.substring(OPENING.length(), sentence.length() - 1).split(" "));
        int end = lastIndexOfNoun(words, DINAR) + 1;
        if (end < words.size() && words.get(end).equals("واحد")) {
            end++;
        }
        long centimes = end == words.size() ? 0 : number(words.subList(end, words.size()), CENTIME);
        return number(words.subList(0, end), DINAR) * 100 + centimes;
    }

    /** A number without noun, as {@code AmountInWords.number} writes it. */
    static long number(String words) {
        return number(Arrays.asList(words.split(" ")), Map.of());
    }

    /** The word without its leading «و» when it is a conjunction (as in «وثلاثة», not «واحد»). */
    static String withoutAnd(String word, Map<String, Form> nouns) {
        if (!known(word, nouns) && word.startsWith("و") && known(word.substring(1), nouns)) {
            return word.substring(1);
        }
        return word;
    }

    private static boolean known(String word, Map<String, Form> nouns) {
        return NUMBERS.containsKey(word) || SCALES.containsKey(word) || nouns.containsKey(word);
    }

    private static int lastIndexOfNoun(List<String> words, Map<String, Form> nouns) {
        for (int i = words.size() - 1; i >= 0; i--) {
            if (nouns.containsKey(withoutAnd(words.get(i), nouns))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no dinar in: " + words);
    }

    private static long number(List<String> words, Map<String, Form> nouns) {
        long total = 0;
        long current = 0;
        Previous previous = Previous.NOTHING;
        for (String raw : words) {
            String word = withoutAnd(raw, nouns);
            if (NUMBERS.containsKey(word)) {
                if (!(word.equals("واحد") && previous == Previous.NOUN)) { // «دينار واحد»: واحد only confirms
                    current += NUMBERS.get(word);
                }
                previous = Previous.NUMBER;
            } else if (SCALES.containsKey(word)) {
                Scale scale = SCALES.get(word);
                long count = switch (scale.form()) {
                    case SINGULAR -> previous == Previous.NUMBER ? current : 1;
                    case DUAL -> 2;
                    case DUAL_OR_ACCUSATIVE -> previous == Previous.NUMBER ? current : 2;
                    case PLURAL -> current;
                };
                total += count * scale.value();
                current = 0;
                previous = Previous.SCALE;
            } else if (nouns.containsKey(word)) {
                boolean counted = previous == Previous.NUMBER || previous == Previous.SCALE;
                switch (nouns.get(word)) {
                    case SINGULAR, DUAL_OR_ACCUSATIVE -> current += counted ? 0 : 1;
                    case DUAL -> current += 2;
                    case PLURAL -> {}
                }
                previous = Previous.NOUN;
            } else {
                throw new IllegalArgumentException("unknown word \"" + raw + "\" in: " + words);
            }
        }
        return total + current;
    }

    /** The form of the last noun of {@code family} in the sentence part, e.g. "دنانير". */
    static String lastNoun(String text, Map<String, Form> family) {
        List<String> words = Arrays.asList(text.replace(".", "").split(" "));
        return withoutAnd(words.get(lastIndexOfNoun(words, family)), family);
    }
}
