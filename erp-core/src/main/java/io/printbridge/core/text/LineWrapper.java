package io.printbridge.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks one logical paragraph into lines of at most {@code width} characters, at spaces only.
 * No-break spaces (the thousands separator of amounts) do not break, so an amount is never cut
 * in two; only a single word longer than a whole line is split. Width is counted in code
 * points without bidi marks, an upper bound of the printed width (Arabic shaping only ever
 * merges lam + alef).
 */
public final class LineWrapper {

    private LineWrapper() {}

    /** The lines of {@code text}, at least one (empty text gives one empty line). */
    public static List<String> wrap(String text, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width: " + width + " (expected: at least 1)");
        }
        if (width(text) <= width && text.indexOf("  ") < 0 && !text.startsWith(" ") && !text.endsWith(" ")) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(width);
        int lineWidth = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = text.length();
            }
            String word = text.substring(start, end);
            start = end + 1;
            int wordWidth = width(word);
            if (wordWidth == 0) {
                continue;
            }
            if (lineWidth > 0 && lineWidth + 1 + wordWidth <= width) {
                line.append(' ').append(word);
                lineWidth += 1 + wordWidth;
                continue;
            }
            if (lineWidth > 0) {
                lines.add(line.toString());
                line.setLength(0);
                lineWidth = 0;
            }
            while (wordWidth > width) {
                int cut = word.offsetByCodePoints(0, width);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
                wordWidth -= width;
            }
            line.append(word);
            lineWidth = wordWidth;
        }
        if (lineWidth > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Printed width of {@code text} in character cells: its code points, less zero-width bidi marks. */
    public static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!TextSanitizer.isBidiMarkOrIsolate(cp)) {
                width++;
            }
        }
        return width;
    }
}
