package io.printbridge.core.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Arabic printer code page PC864 (Java's {@code IBM864}), completed so that every Arabic
 * letter in every positional form prints as a real glyph, never '?'.
 *
 * <p>PC864 holds presentation forms only, and few of them: most letters have one glyph for
 * isolated and final and one for initial and medial, some only one glyph, and a few letters none
 * (alef with hamza below, Persian and Maghrebi letters such as ڤ). A missing form prints as the
 * nearest form of the same letter (medial → initial, final → isolated, and so on, see
 * {@link #FALLBACK_ORDER}); a missing letter prints as the nearest PC864 letter
 * ({@link #NEAREST_LETTER}, e.g. إ → ا, ڤ → ف); lam-alef ligatures follow their alef.
 * Every substitute is one character for one cell, so column widths stay exact.
 */
public final class Ibm864Table {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private static final int ISOLATED = UCharacter.DecompositionType.ISOLATED;
    private static final int FINAL = UCharacter.DecompositionType.FINAL;
    private static final int INITIAL = UCharacter.DecompositionType.INITIAL;
    private static final int MEDIAL = UCharacter.DecompositionType.MEDIAL;

    /** For a wanted form, the forms to try instead, nearest shape first. */
    private static final Map<Integer, int[]> FALLBACK_ORDER = Map.of(
            ISOLATED, new int[] {ISOLATED, FINAL, INITIAL, MEDIAL},
            FINAL, new int[] {FINAL, ISOLATED, MEDIAL, INITIAL},
            INITIAL, new int[] {INITIAL, MEDIAL, ISOLATED, FINAL},
            MEDIAL, new int[] {MEDIAL, INITIAL, FINAL, ISOLATED});

    /** Letters PC864 lacks in every form, and the letter printed instead. */
    private static final Map<Character, Character> NEAREST_LETTER = Map.ofEntries(
            Map.entry('\u0625', '\u0627'), // alef with hamza below → alef
            Map.entry('\u0671', '\u0627'), // alef wasla → alef
            Map.entry('\u0672', '\u0627'),
            Map.entry('\u0673', '\u0627'),
            Map.entry('\u0622', '\u0627'), // alef madda, only if its own form is missing
            Map.entry('\u067E', '\u0628'), // peh → beh
            Map.entry('\u0686', '\u062C'), // tcheh → jeem
            Map.entry('\u0698', '\u0632'), // jeh → zain
            Map.entry('\u06A4', '\u0641'), // veh (Algerian V) → feh
            Map.entry('\u06A5', '\u0641'),
            Map.entry('\u06A7', '\u0642'), // Maghrebi qaf → qaf
            Map.entry('\u06A8', '\u0642'),
            Map.entry('\u06A1', '\u0641'),
            Map.entry('\u06A9', '\u0643'), // keheh → kaf
            Map.entry('\u06AD', '\u0643'), // ng (Algerian G) → kaf
            Map.entry('\u06AF', '\u0643'), // gaf → kaf
            Map.entry('\u06CC', '\u064A'), // Farsi yeh → yeh
            Map.entry('\u06D2', '\u064A'),
            Map.entry('\u06C1', '\u0647'), // heh goal → heh
            Map.entry('\u06BE', '\u0647'),
            Map.entry('\u06D5', '\u0647'),
            Map.entry('\u0629', '\u0647'), // teh marbuta, only if its own form is missing
            Map.entry('\u0624', '\u0648'), // waw with hamza → waw, only if its own form is missing
            Map.entry('\u0626', '\u064A')); // yeh with hamza → yeh, only if no form at all

    private Ibm864Table() {}

    public static CharTable create() {
        CharTable.Builder table = CharTable.builder("PC864", Charset.forName("IBM864"));
        // IBM864 puts the Arabic percent sign at 0x25; print the ASCII one with it.
        table.map('%', 0x25);
        Map<String, Integer> byteForLetterForm = indexPresentForms(table);
        for (int c = 0xFB50; c <= 0xFEFC; c++) {
            if (c > 0xFDFF && c < 0xFE70) {
                continue;
            }
            if (!table.has((char) c)) {
                int form = UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
                if (FALLBACK_ORDER.containsKey(form)) {
                    Integer b = nearestForm(byteForLetterForm, decomposition(c), form);
                    if (b != null) {
                        table.map((char) c, b);
                    }
                }
            }
        }
        // Unshaped letters (only reached if a caller skips shaping) print in their isolated form.
        for (int c = 0x0621; c <= 0x06D5; c++) {
            if (!table.has((char) c) && UCharacter.isLetter(c)) {
                Integer b = nearestForm(byteForLetterForm, String.valueOf((char) c), ISOLATED);
                if (b != null) {
                    table.map((char) c, b);
                }
            }
        }
        return table.build();
    }

    /** Letter (or lam-alef pair) and form → byte, for the presentation forms PC864 has. */
    private static Map<String, Integer> indexPresentForms(CharTable.Builder table) {
        Map<String, Integer> index = new HashMap<>();
        for (int b = 0x80; b < 256; b++) {
            char c = table.printedFor(b);
            int form = UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
            if (TextSanitizer.isArabicPresentationForm(c) && FALLBACK_ORDER.containsKey(form)) {
                index.putIfAbsent(key(decomposition(c), form), b);
            }
        }
        return index;
    }

    private static @Nullable Integer nearestForm(Map<String, Integer> index, String letter, int form) {
        for (String candidate : new String[] {letter, nearestLetter(letter)}) {
            for (int tryForm : FALLBACK_ORDER.getOrDefault(form, new int[] {form})) {
                Integer b = index.get(key(candidate, tryForm));
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static String nearestLetter(String letters) {
        StringBuilder out = new StringBuilder(letters.length());
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            out.append(NEAREST_LETTER.getOrDefault(c, c));
        }
        return out.toString();
    }

    /** The plain letter(s) of a presentation form: U+FE91 → "ب", U+FEF7 → "لأ". */
    private static String decomposition(int presentationForm) {
        String raw = NFKC.getRawDecomposition(presentationForm);
        return raw == null ? String.valueOf((char) presentationForm) : raw;
    }

    private static String key(String letters, int form) {
        return letters + '/' + form;
    }
}
