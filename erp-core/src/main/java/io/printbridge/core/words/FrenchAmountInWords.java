package io.printbridge.core.words;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * French amounts in dinars, in the traditional spelling (before the 1990 reform): «vingt et un»,
 * «quatre mille cent cinquante-huit», hyphens only between tens and units below one hundred.
 *
 * <p>Written by hand rather than with ICU's {@code RuleBasedNumberFormat}: ICU 79's French
 * spellout writes «vingt-et-un» and «soixante-et-onze» (reform spelling), which an Algerian
 * invoice does not use. The rules kept:
 *
 * <ul>
 *   <li>«vingt et un», «soixante et onze», but «quatre-vingt-un», «quatre-vingt-onze»;
 *   <li>«quatre-vingts» and «deux cents» take an s when they end the number, and before
 *       «millions»/«milliards», which are nouns; not before «mille» («quatre-vingt mille») nor when
 *       followed by another number («deux cent un»);
 *   <li>«mille» never varies and never takes «un»; «un million», «deux millions», «un milliard»;
 *   <li>«un dinar», «deux dinars», «zéro dinar» (singular, as in «zéro faute»); «de dinars» after an
 *       exact number of millions or milliards («un million de dinars»);
 *   <li>centimes only when not zero: «un dinar et un centime»; with no dinars the sentence still
 *       reads «zéro dinar et cinquante centimes», keeping one shape for every invoice.
 * </ul>
 */
final class FrenchAmountInWords implements AmountInWords {
    static final FrenchAmountInWords INSTANCE = new FrenchAmountInWords();

    private static final String OPENING = "Arrêtée la présente facture à la somme de : ";

    private static final String[] UNDER_TWENTY = {
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
        "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"
    };
    /** Tens from 20 to 60 by index (2 → vingt); 70 to 99 are built on soixante and quatre-vingt. */
    private static final String[] TENS = {"", "", "vingt", "trente", "quarante", "cinquante", "soixante"};

    private FrenchAmountInWords() {}

    @Override
    public String sentence(BigDecimal amount) {
        DinarsAndCentimes split = DinarsAndCentimes.of(amount);
        StringBuilder sentence = new StringBuilder(OPENING).append(dinars(split.dinars()));
        if (split.centimes() > 0) {
            sentence.append(" et ")
                    .append(number(split.centimes()))
                    .append(split.centimes() == 1 ? " centime" : " centimes");
        }
        return sentence.append('.').toString();
    }

    private String dinars(long dinars) {
        if (dinars <= 1) {
            return number(dinars) + " dinar";
        }
        // «un million de dinars», as for any noun of quantity; «un million cent dinars» has no «de».
        boolean exactMillions = dinars % 1_000_000 == 0;
        return number(dinars) + (exactMillions ? " de dinars" : " dinars");
    }

    @Override
    public String number(long n) {
        DinarsAndCentimes.checkNumber(n);
        if (n == 0) {
            return UNDER_TWENTY[0];
        }
        int milliards = (int) (n / 1_000_000_000);
        int millions = (int) (n / 1_000_000 % 1000);
        int thousands = (int) (n / 1000 % 1000);
        int units = (int) (n % 1000);
        List<String> parts = new ArrayList<>(4);
        if (milliards > 0) {
            parts.add(underThousand(milliards, true) + (milliards > 1 ? " milliards" : " milliard"));
        }
        if (millions > 0) {
            parts.add(underThousand(millions, true) + (millions > 1 ? " millions" : " million"));
        }
        if (thousands > 0) {
            parts.add(thousands == 1 ? "mille" : underThousand(thousands, false) + " mille");
        }
        if (units > 0) {
            parts.add(underThousand(units, true));
        }
        return String.join(" ", parts);
    }

    /**
     * 1 to 999.
     *
     * @param mayTakePlural false before «mille», where «vingt» and «cent» stay invariable
     */
    private static String underThousand(int n, boolean mayTakePlural) {
        int hundreds = n / 100;
        int rest = n % 100;
        if (hundreds == 0) {
            return underHundred(rest, mayTakePlural);
        }
        String cent = hundreds == 1 ? "cent" : UNDER_TWENTY[hundreds] + " cent";
        if (rest == 0) {
            return hundreds > 1 && mayTakePlural ? cent + "s" : cent;
        }
        return cent + " " + underHundred(rest, mayTakePlural);
    }

    /** 1 to 99. */
    private static String underHundred(int n, boolean mayTakePlural) {
        if (n < 20) {
            return UNDER_TWENTY[n];
        }
        if (n < 70) {
            int units = n % 10;
            String tens = TENS[n / 10];
            if (units == 0) {
                return tens;
            }
            return units == 1 ? tens + " et un" : tens + "-" + UNDER_TWENTY[units];
        }
        if (n < 80) {
            return n == 71 ? "soixante et onze" : "soixante-" + UNDER_TWENTY[n - 60];
        }
        if (n == 80) {
            return mayTakePlural ? "quatre-vingts" : "quatre-vingt";
        }
        return "quatre-vingt-" + UNDER_TWENTY[n - 80];
    }
}
