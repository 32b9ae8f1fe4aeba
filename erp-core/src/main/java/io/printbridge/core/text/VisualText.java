package io.printbridge.core.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import io.printbridge.core.layout.Direction;
import org.jspecify.annotations.Nullable;

/**
 * Turns one logical line into the characters a printer prints from left to right: Arabic
 * letters shaped into their positional presentation forms (ICU {@link ArabicShaping}, lam +
 * alef into one ligature), then the whole line reordered by the Unicode bidi algorithm (ICU
 * {@link Bidi}) with mirrored brackets, bidi marks and isolates removed. No-break spaces become
 * plain spaces afterwards: they mattered only to keep "1 234,50" one number for wrapping and for
 * bidi.
 */
public final class VisualText {

    private static final int SHAPING_OPTIONS =
            ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL | ArabicShaping.LENGTH_GROW_SHRINK;

    /** ICU's Bidi keeps its work arrays between paragraphs; one per thread saves allocating them per line. */
    private static final ThreadLocal<Bidi> BIDI = ThreadLocal.withInitial(Bidi::new);

    private VisualText() {}

    /** The left-to-right printing order of one already-wrapped logical line. */
    public static String of(String logical, Direction direction) {
        boolean rightToLeftText = hasRightToLeft(logical);
        if (!rightToLeftText && !hasBidiControl(logical) && direction != Direction.RTL) {
            return plainSpaces(logical); // nothing to reorder: most French lines take this path
        }
        String shaped = rightToLeftText ? shape(logical) : logical;
        if (direction == Direction.RTL || (direction == Direction.AUTO && rightToLeftText)) {
            String reordered = rightToLeftWithoutLatin(shaped, direction == Direction.RTL);
            if (reordered != null) {
                return reordered;
            }
        }
        Bidi bidi = BIDI.get();
        bidi.setPara(shaped, paragraphLevel(direction), null);
        return plainSpaces(bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS));
    }

    /** Whether {@code text} holds a character of a right-to-left script (Arabic, Hebrew, Syriac, Thaana...). */
    public static boolean hasRightToLeft(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The printing order of a right-to-left paragraph made of Arabic letters, ASCII digits, spaces
     * and other neutrals, without the full bidi algorithm (which costs more than the rest of an
     * Arabic receipt). With no Latin letter, no bidi control and no ES, ET or NSM character, the
     * algorithm resolves each number (digits joined by single separators ',' '.' ':' '/' '،' or a
     * no-break space: rules W2, W4) to level 2 and everything else to level 1 (N1, I2), so the
     * line is reversed except inside numbers, and brackets outside numbers are mirrored (L2, L4).
     * Null when the text holds anything else, or, for an automatic direction, starts with no
     * Arabic letter; the caller then runs ICU.
     *
     * @param rightToLeftParagraph false for an automatic paragraph, which is right to left only if
     *                             its first strong character is
     */
    private static @Nullable String rightToLeftWithoutLatin(String text, boolean rightToLeftParagraph) {
        boolean firstStrongSeen = rightToLeftParagraph;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (TextSanitizer.isBidiMarkOrIsolate(c)) {
                return null; // ALM is strong Arabic to the algorithm, yet ICU must remove it
            }
            switch (UCharacter.getDirection(c)) {
                case UCharacterDirection.RIGHT_TO_LEFT, UCharacterDirection.RIGHT_TO_LEFT_ARABIC ->
                    firstStrongSeen = true;
                case UCharacterDirection.WHITE_SPACE_NEUTRAL, UCharacterDirection.OTHER_NEUTRAL -> {
                    // neutral: level 1 between any of the others
                }
                case UCharacterDirection.COMMON_NUMBER_SEPARATOR -> {
                    if (!isNumberSeparator(c)) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            if (!firstStrongSeen && !(c >= '0' && c <= '9')) {
                // an automatic paragraph must open with an Arabic letter (before any neutral, to be simple)
                return null;
            }
        }
        StringBuilder out = new StringBuilder(length);
        int end = length;
        while (end > 0) {
            int start = end - 1;
            if (isDigit(text, start)) {
                // a number keeps its order: extend left over digits and single separators between digits
                while (start > 0
                        && (isDigit(text, start - 1)
                                || (start > 1
                                        && isNumberSeparator(text.charAt(start - 1))
                                        && isDigit(text, start - 2)))) {
                    start--;
                }
                out.append(text, start, end);
            } else {
                char c = text.charAt(start);
                out.append(UCharacter.isMirrored(c) ? (char) UCharacter.getMirror(c) : c);
            }
            end = start;
        }
        return plainSpaces(out.toString());
    }

    private static boolean isDigit(String text, int index) {
        char c = text.charAt(index);
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberSeparator(char c) {
        return c == ',' || c == '.' || c == ':' || c == '/' || c == '\u060C' || c == '\u00A0' || c == '\u202F';
    }

    private static boolean hasBidiControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (TextSanitizer.isBidiMarkOrIsolate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static byte paragraphLevel(Direction direction) {
        return switch (direction) {
            case LTR -> Bidi.LTR;
            case RTL -> Bidi.RTL;
            case AUTO -> Bidi.LEVEL_DEFAULT_LTR;
        };
    }

    private static String shape(String logical) {
        try {
            // A new instance per call: ArabicShaping keeps mutable fields and is not documented thread-safe.
            return new ArabicShaping(SHAPING_OPTIONS).shape(logical);
        } catch (ArabicShapingException e) {
            throw new IllegalStateException("cannot shape Arabic text: " + logical, e);
        }
    }

    private static String plainSpaces(String text) {
        if (text.indexOf('\u00A0') < 0 && text.indexOf('\u202F') < 0) {
            return text;
        }
        return text.replace('\u00A0', ' ').replace('\u202F', ' ');
    }
}
