package io.printbridge.server.demo;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/** Shows ESC/POS bytes to a person: text as text, commands as [ESC @], [GS V 66 0]... */
final class EscPosText {

    private EscPosText() {}

    static String describe(byte[] data, Charset charset) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b == 0x1B || b == 0x1D || b == 0x10) {
                int length = commandLength(data, i);
                out.append('[').append(b == 0x1B ? "ESC" : b == 0x1D ? "GS" : "DLE");
                for (int k = i + 1; k < Math.min(data.length, i + length); k++) {
                    int v = data[k] & 0xFF;
                    // The command letter reads best as a letter, its arguments as numbers.
                    boolean letter = k == i + 1 && v >= 0x21 && v < 0x7F;
                    out.append(' ').append(letter ? String.valueOf((char) v) : Integer.toString(v));
                }
                out.append(']');
                i += length;
            } else if (b == '\n') {
                out.append('\n');
                i++;
            } else {
                int start = i;
                while (i < data.length && (data[i] & 0xFF) >= 0x20) {
                    i++;
                }
                if (i == start) {
                    out.append(String.format("[0x%02X]", b));
                    i++;
                } else {
                    out.append(charset.decode(ByteBuffer.wrap(data, start, i - start)));
                }
            }
        }
        return out.toString();
    }

    /** How many bytes the command starting at {@code i} takes, for the few commands the demo uses. */
    private static int commandLength(byte[] data, int i) {
        if (i + 1 >= data.length) {
            return 1;
        }
        int first = data[i] & 0xFF;
        char second = (char) (data[i + 1] & 0xFF);
        if (first == 0x1B) {
            return switch (second) {
                case '@' -> 2;
                case 'p' -> 5;
                default -> 3; // ESC t n, ESC a n, ESC E n, ESC d n
            };
        }
        if (first == 0x1D && second == 'V') {
            return i + 2 < data.length && (data[i + 2] & 0xFF) >= 65 ? 4 : 3;
        }
        return 3;
    }
}
