package io.printbridge.core.invoice;

import java.util.Optional;

/**
 * Keeps text from the ERP from ever becoming printer commands.
 *
 * <p>ESC/POS commands start with control characters (ESC, GS, DLE, FS, ...), so a description
 * holding one could cut the paper, open the drawer or switch the code page. The rule:
 *
 * <ul>
 *   <li>tab, CR and LF, and the Unicode line and paragraph separators (U+2028, U+2029), are line
 *       breaks or spacing the ERP let through: each run of them becomes one space;
 *   <li>every other C0 control (U+0000–U+001F), DEL (U+007F), every C1 control (U+0080–U+009F),
 *       the bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and unpaired
 *       surrogates are refused: silently dropping them would hide an ERP bug or an attack, and
 *       bidi overrides can make a printed amount read differently from the stored one;
 *   <li>the marks LRM (U+200E), RLM (U+200F) and ALM (U+061C) are kept: they only nudge the
 *       direction of neutral characters in mixed French/Arabic text.
 * </ul>
 */
public final class PrintableText {
    private PrintableText() {}

    /**
     * A character that text to print may not contain.
     *
     * @param codePoint the character (for an unpaired surrogate, the surrogate itself)
     * @param index its index in the string, counted in UTF-16 chars from 0
     */
    public record RefusedCharacter(int codePoint, int index) {
        /** E.g. {@code U+001B (ESC) at index 5}. */
        @Override
        public String toString() {
            return String.format("U+%04X (%s) at index %d", codePoint, name(codePoint), index);
        }
    }

    /** The first character of {@code text} that is refused, if any. */
    public static Optional<RefusedCharacter> findRefused(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isRefused(codePoint)) {
                return Optional.of(new RefusedCharacter(codePoint, i));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }

    /**
     * {@code text} with each run of tab, CR, LF, U+2028 and U+2029 replaced by one space.
     *
     * @throws IllegalArgumentException if {@code text} holds a refused character (see
     *     {@link #findRefused(String)}); the message names it and its index
     */
    public static String clean(String text) {
        findRefused(text).ifPresent(refused -> {
            throw new IllegalArgumentException(
                    "text contains " + refused + " (expected: printable text without control characters)");
        });
        StringBuilder cleaned = new StringBuilder(text.length());
        boolean inBreak = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isLineBreakOrTab(c)) {
                if (!inBreak) {
                    cleaned.append(' ');
                }
                inBreak = true;
            } else {
                cleaned.append(c);
                inBreak = false;
            }
        }
        return cleaned.toString();
    }

    private static boolean isLineBreakOrTab(int c) {
        return c == '\t' || c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isRefused(int c) {
        if (isLineBreakOrTab(c)) {
            return false;
        }
        return c <= 0x1F
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                // codePointAt returns a lone surrogate as itself; paired ones come back combined.
                || (c <= 0xFFFF && Character.isSurrogate((char) c));
    }

    private static final String[] C0_NAMES = {
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"
    };
    private static final String[] C1_NAMES = {
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
        "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGC", "SCI", "CSI", "ST", "OSC", "PM", "APC"
    };
    private static final String[] BIDI_NAMES = {"LRE", "RLE", "PDF", "LRO", "RLO"};
    private static final String[] ISOLATE_NAMES = {"LRI", "RLI", "FSI", "PDI"};

    private static String name(int c) {
        if (c <= 0x1F) {
            return C0_NAMES[c];
        }
        if (c == 0x7F) {
            return "DEL";
        }
        if (c >= 0x80 && c <= 0x9F) {
            return C1_NAMES[c - 0x80];
        }
        if (c >= 0x202A && c <= 0x202E) {
            return BIDI_NAMES[c - 0x202A];
        }
        if (c >= 0x2066 && c <= 0x2069) {
            return ISOLATE_NAMES[c - 0x2066];
        }
        if (c <= 0xFFFF && Character.isSurrogate((char) c)) {
            return "unpaired surrogate";
        }
        return Character.getName(c);
    }
}
