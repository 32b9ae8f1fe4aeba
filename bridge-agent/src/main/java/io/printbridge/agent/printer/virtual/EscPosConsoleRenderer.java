package io.printbridge.agent.printer.virtual;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Shows a technician what a printer received: text as text, one line per line feed, and every
 * command as its mnemonic in brackets ({@code [ESC a 1]}, {@code [GS v 0 raster 72x120]}).
 * Binary payloads (rasters, QR data) are summarised, never dumped. Text bytes are decoded with
 * the code page the stream selected with {@code ESC t n} (Epson numbering).
 *
 * <p>Unlike {@link EscPosStreamParser}, which acts like the printer, this needs the length of
 * every common command, so that parameters are not shown as text. Not thread-safe.
 */
public final class EscPosConsoleRenderer {

    private static final int DLE = 0x10;
    private static final int ESC = 0x1B;
    private static final int FS = 0x1C;
    private static final int GS = 0x1D;
    private static final int LF = 0x0A;
    private static final int CR = 0x0D;
    private static final int HT = 0x09;
    /** Marks a command whose length {@link #needed} cannot tell: its first two bytes are shown, the rest as text. */
    private static final int UNKNOWN = -1;
    /** Payloads up to this many bytes are shown as numbers; longer ones as a byte count. */
    private static final int SHOWN_PAYLOAD = 8;

    /** Fixed parameter counts of single-letter commands, after the two command bytes. */
    private static final Map<Character, Integer> ESC_PARAMETERS = Map.ofEntries(
            Map.entry('@', 0),
            Map.entry('!', 1),
            Map.entry('-', 1),
            Map.entry('2', 0),
            Map.entry('3', 1),
            Map.entry('E', 1),
            Map.entry('G', 1),
            Map.entry('J', 1),
            Map.entry('M', 1),
            Map.entry('R', 1),
            Map.entry('V', 1),
            Map.entry('a', 1),
            Map.entry('d', 1),
            Map.entry('e', 1),
            Map.entry('t', 1),
            Map.entry('{', 1),
            Map.entry(' ', 1),
            Map.entry('p', 3),
            Map.entry('$', 2),
            Map.entry('\\', 2),
            Map.entry('c', 2),
            Map.entry('r', 1),
            Map.entry('U', 1),
            Map.entry('%', 1),
            Map.entry('S', 0),
            Map.entry('L', 0),
            Map.entry('T', 1),
            Map.entry('W', 8),
            Map.entry('i', 0),
            Map.entry('m', 0),
            Map.entry('B', 2));

    private static final Map<Character, Integer> GS_PARAMETERS = Map.ofEntries(
            Map.entry('!', 1),
            Map.entry('B', 1),
            Map.entry('H', 1),
            Map.entry('L', 2),
            Map.entry('W', 2),
            Map.entry('a', 1),
            Map.entry('b', 1),
            Map.entry('f', 1),
            Map.entry('h', 1),
            Map.entry('w', 1),
            Map.entry('r', 1),
            Map.entry('I', 1),
            Map.entry('/', 1),
            Map.entry('P', 2),
            Map.entry('$', 2),
            Map.entry('\\', 2),
            Map.entry('T', 1));
    private static final Map<Character, Integer> FS_PARAMETERS = Map.ofEntries(
            Map.entry('.', 0),
            Map.entry('&', 0),
            Map.entry('p', 2),
            Map.entry('C', 1),
            Map.entry('!', 1),
            Map.entry('-', 1),
            Map.entry('W', 1),
            Map.entry('S', 2));
    /** Epson {@code ESC t n} table numbers of the code pages shops use. */
    private static final Map<Integer, String> CODE_PAGES =
            Map.of(0, "IBM437", 2, "IBM850", 16, "windows-1252", 19, "IBM00858", 37, "IBM864");

    private static final Charset DEFAULT_CHARSET = Charset.forName("IBM437");

    private final Consumer<String> lines;
    private final boolean showStatusQueries;
    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream command = new ByteArrayOutputStream();
    /** The length the command being collected will have, once its header tells; 0 before. */
    private int expected;

    private Charset charset = DEFAULT_CHARSET;

    /**
     * @param lines receives each finished line
     * @param showStatusQueries whether to show {@code DLE EOT n}, which the agent sends every few seconds
     */
    public EscPosConsoleRenderer(Consumer<String> lines, boolean showStatusQueries) {
        this.lines = requireNonNull(lines, "lines");
        this.showStatusQueries = showStatusQueries;
    }

    public void accept(byte[] bytes) {
        for (byte b : bytes) {
            accept(b);
        }
    }

    /** All of {@code bytes} as text, one line per line feed, including a last line without one. */
    public static String describe(byte[] bytes) {
        StringJoiner text = new StringJoiner("\n");
        EscPosConsoleRenderer renderer = new EscPosConsoleRenderer(text::add, false);
        renderer.accept(bytes);
        if (renderer.line.length() > 0) {
            renderer.endLine();
        }
        return text.toString();
    }

    private void accept(byte b) {
        int value = b & 0xFF;
        if (command.size() > 0) {
            command.write(b);
            if (command.size() < expected) {
                return; // inside a payload whose length the header gave: no need to look again
            }
            byte[] c = command.toByteArray();
            int needed = needed(c);
            if (needed == UNKNOWN) {
                line.append(String.format("[%s 0x%02X]", name(c[0] & 0xFF), c[1] & 0xFF));
                command.reset();
                expected = 0;
            } else if (needed <= c.length) {
                command.reset();
                expected = 0;
                render(c);
            } else {
                expected = needed;
            }
        } else if (value == DLE || value == ESC || value == FS || value == GS) {
            command.write(b);
        } else if (value == LF) {
            endLine();
        } else if (value == HT) {
            line.append('\t');
        } else if (value == CR) {
            // the line feed ends the line
        } else if (value < 0x20) {
            line.append(String.format("[0x%02X]", value));
        } else {
            line.append(new String(new byte[] {b}, charset));
        }
    }

    /** The full length of the command in {@code c} as far as its bytes so far tell, or {@link #UNKNOWN}. */
    private static int needed(byte[] c) {
        int first = c[0] & 0xFF;
        char second = (char) (c[1] & 0xFF);
        if (first == DLE) {
            return second == 0x04 || second == 0x05 ? 3 : second == 0x14 ? 5 : UNKNOWN;
        }
        if (first == ESC && second == '*') { // ESC * m nL nH d1..dk: k columns of 1 or 3 bytes
            return c.length < 5 ? 5 : 5 + ((c[3] & 0xFF) + 256 * (c[4] & 0xFF)) * ((c[2] & 0xFF) >= 32 ? 3 : 1);
        }
        if (first == ESC && second == 'D') { // ESC D n1..nk NUL: tab stops
            return c.length > 2 && c[c.length - 1] == 0 ? c.length : c.length + 1;
        }
        if (first == GS && second == 'V') { // GS V m, or GS V m n for m = 65, 66, 97..103
            return c.length < 3 ? 3 : (c[2] & 0xFF) >= 65 ? 4 : 3;
        }
        if (first == GS && second == 'v') { // GS v 0 m xL xH yL yH d1..dk: k = x * y
            return c.length < 8 ? 8 : 8 + ((c[4] & 0xFF) + 256 * (c[5] & 0xFF)) * ((c[6] & 0xFF) + 256 * (c[7] & 0xFF));
        }
        if (first == GS && second == '(') { // GS ( fn pL pH p1..pk
            return c.length < 5 ? 5 : 5 + (c[3] & 0xFF) + 256 * (c[4] & 0xFF);
        }
        if (first == GS && second == '*') { // GS * x y d1..dk: k = x * y * 8
            return c.length < 4 ? 4 : 4 + (c[2] & 0xFF) * (c[3] & 0xFF) * 8;
        }
        if (first == GS && second == 'k') { // GS k m: NUL-terminated for m 0..6, else a length byte
            if (c.length < 3) {
                return 3;
            }
            if ((c[2] & 0xFF) <= 6) {
                return c.length > 3 && c[c.length - 1] == 0 ? c.length : c.length + 1;
            }
            return c.length < 4 ? 4 : 4 + (c[3] & 0xFF);
        }
        Map<Character, Integer> table = first == ESC ? ESC_PARAMETERS : first == GS ? GS_PARAMETERS : FS_PARAMETERS;
        Integer parameters = table.get(second);
        return parameters == null ? UNKNOWN : 2 + parameters;
    }

    private void render(byte[] c) {
        int first = c[0] & 0xFF;
        char second = (char) (c[1] & 0xFF);
        if (first == DLE && second == 0x04 && !showStatusQueries) {
            return;
        }
        String mnemonic = name(first) + " " + (first == DLE ? name(second) : String.valueOf(second));
        if (first == ESC && second == '@') {
            charset = DEFAULT_CHARSET;
        } else if (first == ESC && second == 't') {
            String name = CODE_PAGES.get(c[2] & 0xFF);
            charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : DEFAULT_CHARSET;
        }
        if (first == GS && second == 'v') {
            line.append(String.format(
                    "[%s %d raster %dx%d]",
                    mnemonic, c[2] & 0xFF, (c[4] & 0xFF) + 256 * (c[5] & 0xFF), (c[6] & 0xFF) + 256 * (c[7] & 0xFF)));
        } else if (first == GS && second == '(' && c.length > 8 && c[2] == 'k' && c[5] == 49 && c[6] == 80) {
            line.append("[")
                    .append(mnemonic)
                    .append(" k QR data \"")
                    .append(new String(c, 8, c.length - 8, charset))
                    .append("\"]");
        } else if (first == GS && second == 'k' && (c[2] & 0xFF) <= 6) {
            line.append("[")
                    .append(mnemonic)
                    .append(' ')
                    .append(c[2] & 0xFF)
                    .append(" barcode \"")
                    .append(new String(c, 3, c.length - 4, charset))
                    .append("\"]");
        } else {
            StringJoiner parts = new StringJoiner(" ", "[" + mnemonic + (c.length > 2 ? " " : ""), "]");
            if (c.length - 2 <= SHOWN_PAYLOAD) {
                for (int i = 2; i < c.length; i++) {
                    boolean functionLetter = first == GS && second == '(' && i == 2; // GS ( k, GS ( L
                    parts.add(functionLetter ? String.valueOf((char) c[i]) : String.valueOf(c[i] & 0xFF));
                }
            } else {
                parts.add((c.length - 2) + " bytes");
            }
            line.append(parts);
        }
        if (first == ESC && second == 'd') {
            endLine();
        } else if (first == GS && second == 'V') {
            endLine();
            lines.accept("---------------- cut ----------------");
        }
    }

    private static String name(int value) {
        return switch (value) {
            case DLE -> "DLE";
            case ESC -> "ESC";
            case FS -> "FS";
            case GS -> "GS";
            case 0x04 -> "EOT";
            case 0x05 -> "ENQ";
            case 0x14 -> "DC4";
            default -> String.format("0x%02X", value);
        };
    }

    private void endLine() {
        lines.accept(line.toString());
        line.setLength(0);
    }
}
