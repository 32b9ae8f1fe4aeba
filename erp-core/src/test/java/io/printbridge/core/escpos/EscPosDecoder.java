package io.printbridge.core.escpos;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads an ESC/POS job back, written from the Epson command reference and independent of the
 * encoder under test: it knows ESC @, FS ., ESC t, ESC a, ESC E, GS !, LF, ESC d, GS v 0,
 * GS ( k (QR functions), ESC p and GS V, and decodes text with the code page last selected.
 * Any other byte below 0x20 fails the test: the job would carry a command nobody meant.
 */
public final class EscPosDecoder {

    /** Epson's table numbers for the code pages this project uses. */
    public static final Map<Integer, Charset> EPSON_TABLES = Map.of(
            0,
            Charset.forName("IBM437"),
            2,
            Charset.forName("IBM850"),
            19,
            Charset.forName("IBM00858"),
            37,
            Charset.forName("IBM864"));
    /** Zjiang/Xprinter numbering: PC864 is 63. */
    public static final Map<Integer, Charset> ZJIANG_TABLES =
            Map.of(0, Charset.forName("IBM437"), 2, Charset.forName("IBM850"), 63, Charset.forName("IBM864"));

    /** One command or one run of text, in job order. */
    public record Event(String command, int[] args, byte[] data, String text) {
        static Event of(String command, int... args) {
            return new Event(command, args, new byte[0], "");
        }

        @Override
        public String toString() {
            return command
                    + Arrays.toString(args)
                    + (text.isEmpty() ? "" : " \"" + text + "\"")
                    + (data.length == 0 ? "" : " (" + data.length + " bytes)");
        }
    }

    /** A line of text as printed: what LF flushed, with the modes in force. */
    public record PrintedLine(
            String text, int table, int widthScale, int heightScale, boolean bold, int justification) {
        /** Columns the line takes on paper. */
        public int printedWidth() {
            return text.length() * widthScale;
        }
    }

    /** A GS v 0 raster. */
    public record Raster(int widthBytes, int height, byte[] data) {}

    public record Decoded(List<Event> events, List<PrintedLine> lines, List<Raster> rasters) {
        public List<String> commands() {
            return events.stream().map(Event::command).toList();
        }

        public List<Integer> selectedTables() {
            return events.stream()
                    .filter(e -> e.command().equals("ESC t"))
                    .map(e -> e.args()[0])
                    .toList();
        }

        public List<String> texts() {
            return lines.stream().map(PrintedLine::text).toList();
        }

        /** Index of the first event with this command, or -1. */
        public int indexOf(String command) {
            return commands().indexOf(command);
        }
    }

    private final Map<Integer, Charset> tables;

    public EscPosDecoder(Map<Integer, Charset> tables) {
        this.tables = tables;
    }

    public Decoded decode(byte[] job) {
        List<Event> events = new ArrayList<>();
        List<PrintedLine> lines = new ArrayList<>();
        List<Raster> rasters = new ArrayList<>();
        int table = 0;
        int widthScale = 1;
        int heightScale = 1;
        boolean bold = false;
        int justification = 0;
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < job.length) {
            int b = job[i] & 0xFF;
            if (b >= 0x20 && b != 0x7F) {
                int start = i;
                while (i < job.length && (job[i] & 0xFF) >= 0x20 && (job[i] & 0xFF) != 0x7F) {
                    i++;
                }
                Charset charset = tables.get(table);
                if (charset == null) {
                    throw new AssertionError(
                            "text at " + start + " in code table " + table + ", which this printer lacks");
                }
                String text =
                        charset.decode(ByteBuffer.wrap(job, start, i - start)).toString();
                events.add(new Event("text", new int[] {table}, Arrays.copyOfRange(job, start, i), text));
                line.append(text);
                continue;
            }
            if (b == 0x0A) {
                events.add(Event.of("LF"));
                lines.add(new PrintedLine(line.toString(), table, widthScale, heightScale, bold, justification));
                line.setLength(0);
                i++;
                continue;
            }
            int c = i + 1 < job.length ? job[i + 1] & 0xFF : -1;
            if (b == 0x1B && c == '@') {
                events.add(Event.of("ESC @"));
                table = 0;
                widthScale = 1;
                heightScale = 1;
                bold = false;
                justification = 0;
                i += 2;
            } else if (b == 0x1C && c == '.') {
                events.add(Event.of("FS ."));
                i += 2;
            } else if (b == 0x1B && c == 't') {
                table = u(job, i + 2);
                events.add(Event.of("ESC t", table));
                i += 3;
            } else if (b == 0x1B && c == 'a') {
                justification = u(job, i + 2);
                events.add(Event.of("ESC a", justification));
                i += 3;
            } else if (b == 0x1B && c == 'E') {
                bold = (u(job, i + 2) & 1) == 1;
                events.add(Event.of("ESC E", u(job, i + 2)));
                i += 3;
            } else if (b == 0x1B && c == 'd') {
                events.add(Event.of("ESC d", u(job, i + 2)));
                i += 3;
            } else if (b == 0x1B && c == 'p') {
                events.add(Event.of("ESC p", u(job, i + 2), u(job, i + 3), u(job, i + 4)));
                i += 5;
            } else if (b == 0x1D && c == '!') {
                int n = u(job, i + 2);
                widthScale = (n >> 4) + 1;
                heightScale = (n & 0x0F) + 1;
                events.add(Event.of("GS !", n));
                i += 3;
            } else if (b == 0x1D && c == 'V') {
                int m = u(job, i + 2);
                if (m == 65 || m == 66) {
                    events.add(Event.of("GS V", m, u(job, i + 3)));
                    i += 4;
                } else {
                    events.add(Event.of("GS V", m));
                    i += 3;
                }
            } else if (b == 0x1D && c == 'v' && u(job, i + 2) == '0') {
                int widthBytes = u(job, i + 4) + 256 * u(job, i + 5);
                int height = u(job, i + 6) + 256 * u(job, i + 7);
                int from = i + 8;
                int to = from + widthBytes * height;
                if (to > job.length) {
                    throw new AssertionError(
                            "GS v 0 at " + i + " announces " + (to - from) + " bytes, job has " + (job.length - from));
                }
                byte[] data = Arrays.copyOfRange(job, from, to);
                rasters.add(new Raster(widthBytes, height, data));
                events.add(new Event("GS v 0", new int[] {u(job, i + 3), widthBytes, height}, data, ""));
                i = to;
            } else if (b == 0x1D && c == '(' && u(job, i + 2) == 'k') {
                int length = u(job, i + 3) + 256 * u(job, i + 4);
                int cn = u(job, i + 5);
                int fn = u(job, i + 6);
                byte[] params = Arrays.copyOfRange(job, i + 7, i + 5 + length);
                if (params.length != length - 2) {
                    throw new AssertionError(
                            "GS ( k at " + i + " announces " + length + " bytes past pH, job ends first");
                }
                events.add(new Event("GS ( k", new int[] {cn, fn, u(job, i + 3), u(job, i + 4)}, params, ""));
                i += 5 + length;
            } else {
                throw new AssertionError(String.format("unexpected control byte 0x%02X at %d (next 0x%02X)", b, i, c));
            }
        }
        if (line.length() > 0) {
            throw new AssertionError("text \"" + line + "\" never printed: no LF after it");
        }
        return new Decoded(events, lines, rasters);
    }

    private static int u(byte[] job, int index) {
        if (index >= job.length) {
            throw new AssertionError("command cut short at byte " + index + " of " + job.length);
        }
        return job[index] & 0xFF;
    }
}
