package io.printbridge.core.words;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Arabic amounts in dinars, with the number–noun agreement of written Arabic, nominative case.
 *
 * <p>Written by hand: ICU's Arabic spellout knows no counted noun, and the noun's form is the
 * hard part. Sentence: «أوقفت هذه الفاتورة على مبلغ: ألف وستمائة وستة دنانير وخمسون سنتيما.»
 * (the Arabic of «Arrêtée la présente facture à la somme de»). «جزائري» is left out: with
 * one currency it adds nothing, and it would have to agree with every noun form.
 *
 * <p>The noun (دينار, سنتيم, and ألف/مليون/مليار when they count a group) takes its form from
 * the number just before it:
 * <ul>
 *   <li>1: «دينار واحد»; 2: the dual «ديناران»;
 *   <li>3–10: the numeral in its form with ة (polarity: the noun is masculine) and the plural:
 *       «ثلاثة دنانير», «عشرة دنانير», «ثلاثة آلاف»;
 *   <li>11–99: singular accusative: «أحد عشر دينارا», «اثنا عشر دينارا», «واحد وعشرون دينارا»;
 *   <li>hundreds, thousands, millions: the noun in the genitive singular right after them:
 *       «مائة دينار», «مائتا دينار», «ألف دينار», «ثلاثة ملايين دينار», «أحد عشر ألف دينار»
 *       (a dual or tamyiz followed by its noun is in construct: «ألفا دينار», not «ألفان»);
 *   <li>0: «صفر دينار»; centimes are left out when zero.
 * </ul>
 *
 * <p>An amount above 2 that ends in 01 or 02 repeats the noun after «و», as in «ألف ليلة
 * وليلة»: 101 → «مائة دينار ودينار», 1002 → «ألف دينار وديناران», 101 000 → «مائة ألف وألف
 * دينار». This is the classical construction; the common «مائة وواحد دينار» is avoided because
 * 1 and 2 take no counted noun after them. A native reader should confirm the choice.
 */
final class ArabicAmountInWords implements AmountInWords {
    static final ArabicAmountInWords INSTANCE = new ArabicAmountInWords();

    private static final String OPENING = "أوقفت هذه الفاتورة على مبلغ: ";
    private static final String ZERO = "صفر";
    /** Joins the parts of a number: «و» is written against the word that follows. */
    private static final String AND = " و";

    /** 1 to 10, the form used to count masculine nouns (and to count in the abstract). */
    private static final String[] ONES = {
        "", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة"
    };

    private static final String[] TENS = {
        "", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"
    };
    /** Hundreds standing alone or followed by «و...». */
    private static final String[] HUNDREDS = {
        "", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة", "تسعمائة"
    };
    /** Hundreds followed by the noun they count: the dual «مائتان» becomes «مائتا». */
    private static final String[] HUNDREDS_CONSTRUCT = {
        "", "مائة", "مائتا", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة", "تسعمائة"
    };

    private static final long[] SCALES = {1_000_000_000L, 1_000_000L, 1000L};
    private static final ArabicNoun[] SCALE_NOUNS = {ArabicNoun.MILLIARD, ArabicNoun.MILLION, ArabicNoun.THOUSAND};

    private ArabicAmountInWords() {}

    @Override
    public String sentence(BigDecimal amount) {
        DinarsAndCentimes split = DinarsAndCentimes.of(amount);
        StringBuilder sentence = new StringBuilder(OPENING).append(counted(split.dinars(), ArabicNoun.DINAR));
        if (split.centimes() > 0) {
            sentence.append(AND).append(counted(split.centimes(), ArabicNoun.CENTIME));
        }
        return sentence.append('.').toString();
    }

    @Override
    public String number(long n) {
        DinarsAndCentimes.checkNumber(n);
        if (n == 0) {
            return ZERO;
        }
        List<String> parts = new ArrayList<>(4);
        for (int i = 0; i < SCALES.length; i++) {
            int group = (int) (n / SCALES[i] % 1000);
            if (group > 0) {
                parts.add(phrase(group, SCALE_NOUNS[i], false));
            }
        }
        int units = (int) (n % 1000);
        if (units > 0) {
            int rest = units % 100;
            String hundreds = units >= 100 ? HUNDREDS[units / 100] : "";
            parts.add(rest == 0 ? hundreds : (hundreds.isEmpty() ? "" : hundreds + AND) + cardinal(rest));
        }
        return String.join(AND, parts);
    }

    /** {@code n} of {@code noun}, with the special forms of 0 and 1 that only a whole amount takes. */
    private static String counted(long n, ArabicNoun noun) {
        if (n == 0) {
            return ZERO + " " + noun.singular();
        }
        if (n == 1) {
            return noun.singular() + " " + ONES[1];
        }
        return phrase(n, noun, false);
    }

    /**
     * «n nouns» for n ≥ 1, ending with the noun in the form the number gives it.
     *
     * @param construct whether another noun follows and is counted by this phrase («ألفا» in
     *     «ألفا دينار»), which takes duals and tamyiz out of their stand-alone form
     */
    private static String phrase(long n, ArabicNoun noun, boolean construct) {
        int lastTwo = (int) (n % 100);
        if (n > 2 && (lastTwo == 1 || lastTwo == 2)) {
            String rest = phrase(n - lastTwo, noun, false);
            String oneOrTwo = lastTwo == 1 ? noun.singular() : construct ? noun.dualConstruct() : noun.dual();
            return rest + AND + oneOrTwo;
        }
        List<String> parts = new ArrayList<>(4);
        for (int i = 0; i < SCALES.length; i++) {
            int group = (int) (n / SCALES[i] % 1000);
            if (group == 0) {
                continue;
            }
            boolean lastGroup = n % SCALES[i] == 0;
            parts.add(
                    lastGroup
                            ? phrase(group, SCALE_NOUNS[i], true) + " " + noun.singular()
                            : phrase(group, SCALE_NOUNS[i], false));
        }
        int units = (int) (n % 1000);
        if (units > 0) {
            parts.add(underThousand(units, noun, construct));
        }
        return String.join(AND, parts);
    }

    /** 1 to 999 of {@code noun}; 101, 102, 201, ... are handled by {@link #phrase} first. */
    private static String underThousand(int n, ArabicNoun noun, boolean construct) {
        int hundreds = n / 100;
        int rest = n % 100;
        if (rest == 0) {
            return HUNDREDS_CONSTRUCT[hundreds] + " " + noun.singular();
        }
        String head = hundreds > 0 ? HUNDREDS[hundreds] + AND : "";
        if (rest == 1) {
            return head + noun.singular();
        }
        if (rest == 2) {
            return head + (construct ? noun.dualConstruct() : noun.dual());
        }
        if (rest <= 10) {
            return head + cardinal(rest) + " " + noun.plural();
        }
        return head + cardinal(rest) + " " + (construct ? noun.singular() : noun.accusative());
    }

    /** 1 to 99, nominative, in the forms that count a masculine noun. */
    private static String cardinal(int n) {
        if (n <= 10) {
            return ONES[n];
        }
        if (n == 11) {
            return "أحد عشر";
        }
        if (n == 12) {
            return "اثنا عشر";
        }
        if (n < 20) {
            return ONES[n - 10] + " عشر";
        }
        int units = n % 10;
        return units == 0 ? TENS[n / 10] : ONES[units] + AND + TENS[n / 10];
    }
}
