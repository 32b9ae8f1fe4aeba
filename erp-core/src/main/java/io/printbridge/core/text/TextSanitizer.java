package io.printbridge.core.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;

/**
 * Makes untrusted text safe and predictable to print. Control characters would be read by the
 * printer as commands, so they become spaces; bidi embeddings and overrides (which can make an
 * amount read differently from the figures sent) and other invisible format characters are
 * dropped. The bidi marks (LRM, RLM, ALM) and isolates (LRI, RLI, FSI, PDI) stay: they only
 * steer the order of neutral characters within their line, and {@link VisualText} removes them
 * once the line is ordered. Arabic harakat
 * are dropped because printer code pages and the receipt font print them as separate cells;
 * Arabic presentation forms given as input go back to plain letters so shaping is ours alone.
 * The result is in NFC, so "e" + combining acute counts and prints as one "é", and holds no
 * character outside the Basic Multilingual Plane (those become U+FFFD), so one char is one cell.
 */
public final class TextSanitizer {

    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private TextSanitizer() {}

    /** {@code text} with control characters as spaces and invisible or combining Arabic marks removed. */
    public static String printable(String text) {
        if (isPlain(text)) {
            return text;
        }
        String composed = NFC.isNormalized(text) ? text : NFC.normalize(text);
        StringBuilder out = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp)
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(' ');
            } else if ((type == Character.FORMAT && !isBidiMarkOrIsolate(cp)) || isArabicMark(cp, type)) {
                // dropped: see class comment
            } else if (type == Character.SURROGATE || cp > 0xFFFF) {
                // One char per printed cell everywhere downstream; no receipt needs emoji.
                out.append('\uFFFD');
            } else if (isArabicPresentationForm(cp)) {
                out.append(NFKC.normalize(new String(Character.toChars(cp))));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Printable Latin-1 and Latin Extended text needs no work: nothing there composes or controls. */
    private static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xAD || c >= 0x0300) {
                return false;
            }
        }
        return true;
    }

    /** LRM, RLM, ALM and the isolates LRI, RLI, FSI, PDI: zero-width, and they print nothing. */
    static boolean isBidiMarkOrIsolate(int cp) {
        return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static boolean isArabicMark(int cp, int type) {
        return type == Character.NON_SPACING_MARK && UCharacter.UnicodeBlock.of(cp) == UCharacter.UnicodeBlock.ARABIC;
    }

    static boolean isArabicPresentationForm(int cp) {
        return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
    }
}
