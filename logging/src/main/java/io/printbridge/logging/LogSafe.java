package io.printbridge.logging;

import org.jspecify.annotations.Nullable;

/**
 * Makes text that comes from outside (a certificate's subject, an agent's hostname, a printer's
 * status, a failure message) safe to put in a log line, before it is logged: a newline in a
 * certificate's common name must not write a second, forged line into the log, an ANSI escape
 * must not repaint the operator's terminal, and a 10 MB field must not flood the disk.
 *
 * <p>Control characters (CR, LF, tab, ESC, NUL, C1 controls), Unicode format characters (such as
 * the bidirectional overrides that make text read backwards), line and paragraph separators,
 * unpaired surrogates and unassigned code points become visible escapes ({@code \n},
 * {@code \u001b}, {@code \u202e}); everything else, Arabic and emoji included, is kept. Text
 * longer than the limit is cut, and the cut says how long the original was:
 * {@code "aaaa…(3000 chars)"}.
 *
 * <p>Backslashes are kept as they are, so Windows paths stay readable; an escape in the output
 * therefore cannot be told from the same six characters sent literally, which forges nothing.
 */
public final class LogSafe {

    /** The most characters one outside value takes in a log line, escapes included, before the cut note. */
    public static final int MAX_CHARS = 200;

    private LogSafe() {}

    /** {@code value} escaped and cut to {@link #MAX_CHARS}; {@code "null"} for null. */
    public static String text(@Nullable String value) {
        return text(value, MAX_CHARS);
    }

    /** {@code value} escaped and cut to {@code maxChars} (escapes included) plus the cut note. */
    public static String text(@Nullable String value, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: at least 1)");
        }
        if (value == null) {
            return "null";
        }
        if (value.length() <= maxChars && isClean(value)) {
            return value; // the common case: nothing to copy
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxChars) + 24);
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            String piece = needsEscape(codePoint) ? escape(codePoint) : new String(Character.toChars(codePoint));
            if (out.length() + piece.length() > maxChars) {
                return out.append("…(").append(value.length()).append(" chars)").toString();
            }
            out.append(piece);
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static boolean isClean(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (needsEscape(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static boolean needsEscape(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String escape(int codePoint) {
        return switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> codePoint <= 0xFFFF ? String.format("\\u%04x", codePoint) : String.format("\\U%08x", codePoint);
        };
    }
}
