package io.printbridge.server.demo;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Shows ESC/POS bytes to a person: text as text, commands as {@code [ESC t 19]}, images and QR
 * data summarised ({@code [GS v 0 raster 48x24]}). Text bytes are decoded with the code page the
 * stream last selected, as the printer would (PC858 or PC864 in what erp-core sends).
 */
final class EscPosText {

    private EscPosText() {}

    static String describe(byte[] data, Charset defaultCharset) {
        StringBuilder out = new StringBuilder();
        Charset charset = defaultCharset;
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b == 0x0A) {
                out.append('\n');
                i++;
            } else if (b == 0x1B || b == 0x1D || b == 0x1C || b == 0x10) {
                int length = commandLength(data, i);
                out.append(summary(data, i, length));
                if (b == 0x1B && i + 2 < data.length && data[i + 1] == 't') {
                    charset = codePage(data[i + 2] & 0xFF, charset);
                }
                i += length;
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

    private static String summary(byte[] data, int i, int length) {
        int first = data[i] & 0xFF;
        String name = first == 0x1B ? "ESC" : first == 0x1D ? "GS" : first == 0x1C ? "FS" : "DLE";
        if (first == 0x1D && i + 7 < data.length && data[i + 1] == 'v') {
            int width = (data[i + 4] & 0xFF) + 256 * (data[i + 5] & 0xFF);
            int height = (data[i + 6] & 0xFF) + 256 * (data[i + 7] & 0xFF);
            return "[GS v 0 raster " + width * 8 + "x" + height + " dots]";
        }
        if (first == 0x1D && i + 6 < data.length && data[i + 1] == '(' && data[i + 2] == 'k') {
            return "[GS ( k QR fn " + (data[i + 6] & 0xFF) + "]";
        }
        StringBuilder text = new StringBuilder("[").append(name);
        for (int k = i + 1; k < Math.min(data.length, i + length); k++) {
            int v = data[k] & 0xFF;
            // The command letter reads best as a letter, its arguments as numbers.
            boolean letter = k == i + 1 && v >= 0x21 && v < 0x7F;
            text.append(' ').append(letter ? String.valueOf((char) v) : Integer.toString(v));
        }
        return text.append(']').toString();
    }

    /** How many bytes the command at {@code i} takes, for the commands erp-core and the agent send. */
    private static int commandLength(byte[] data, int i) {
        if (i + 1 >= data.length) {
            return 1;
        }
        int first = data[i] & 0xFF;
        char second = (char) (data[i + 1] & 0xFF);
        if (first == 0x1C) {
            return 2; // FS .
        }
        if (first == 0x1B) {
            return switch (second) {
                case '@' -> 2;
                case 'p' -> 5;
                default -> 3; // ESC t n, ESC a n, ESC E n, ESC d n, ESC ! n
            };
        }
        if (first == 0x1D) {
            if (second == 'v' && i + 7 < data.length) {
                int width = (data[i + 4] & 0xFF) + 256 * (data[i + 5] & 0xFF);
                int height = (data[i + 6] & 0xFF) + 256 * (data[i + 7] & 0xFF);
                return 8 + width * height;
            }
            if (second == '(' && i + 4 < data.length) {
                return 5 + (data[i + 3] & 0xFF) + 256 * (data[i + 4] & 0xFF);
            }
            if (second == 'V') {
                return i + 2 < data.length && (data[i + 2] & 0xFF) >= 65 ? 4 : 3;
            }
            return 3; // GS ! n
        }
        return first == 0x10 && second == 0x14 ? 5 : 3; // DLE DC4 fn m t, DLE EOT n
    }

    /** The Java charset of an Epson code table number, for the tables erp-core selects. */
    private static Charset codePage(int table, Charset current) {
        return switch (table) {
            case 0 -> Charset.forName("IBM437");
            case 2 -> Charset.forName("IBM850");
            case 19 -> Charset.forName("IBM00858");
            case 37, 63 -> Charset.forName("IBM864");
            default -> current;
        };
    }
}
