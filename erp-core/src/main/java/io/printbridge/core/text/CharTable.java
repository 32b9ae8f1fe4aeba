package io.printbridge.core.text;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * One single-byte printer code page as two lookup arrays: the byte that prints each character,
 * and the character each byte prints. Lookups are array reads, so encoding a receipt costs no
 * {@code CharsetEncoder} per line. Bytes below 0x20 and 0x7F are never in the table: text can
 * not produce a printer command.
 */
public final class CharTable {

    /** Printed for a character the table lacks; callers check {@link #canEncode} first. */
    private static final byte SPACE = 0x20;

    private final String name;
    /** Indexed by char; 0 means no byte prints that character. */
    private final byte[] byteFor;
    /** Indexed by byte (0–255); what the printer prints for it, as the Java charset decodes it. */
    private final char[] printedFor;

    private CharTable(String name, byte[] byteFor, char[] printedFor) {
        this.name = name;
        this.byteFor = byteFor;
        this.printedFor = printedFor;
    }

    /** Starts a table with every byte 0x20–0xFF that {@code charset} decodes to a printable character. */
    public static Builder builder(String name, Charset charset) {
        return new Builder(name, charset);
    }

    public String name() {
        return name;
    }

    public boolean canEncode(char c) {
        return byteFor[c] != 0;
    }

    /** Whether every character of {@code text} has a byte in this table. */
    public boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (byteFor[text.charAt(i)] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The byte for each character; a character the table lacks becomes a space. */
    public byte[] encode(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            byte b = byteFor[text.charAt(i)];
            out[i] = b == 0 ? SPACE : b;
        }
        return out;
    }

    /** What the printer prints for {@code text}: each character after substitution, as the code page draws it. */
    public String printed(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = printedFor[encodeOne(text.charAt(i)) & 0xFF];
        }
        return new String(out);
    }

    private byte encodeOne(char c) {
        byte b = byteFor[c];
        return b == 0 ? SPACE : b;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects the charset's own mappings, then substitutes for characters it lacks. */
    public static final class Builder {
        private final String name;
        private final byte[] byteFor = new byte[0x10000];
        private final char[] printedFor = new char[256];

        private Builder(String name, Charset charset) {
            this.name = requireNonNull(name, "name");
            requireNonNull(charset, "charset");
            for (int b = 0; b < 256; b++) {
                printedFor[b] = ' ';
            }
            for (int b = 0x20; b < 256; b++) {
                if (b == 0x7F) {
                    continue;
                }
                String decoded =
                        charset.decode(ByteBuffer.wrap(new byte[] {(byte) b})).toString();
                if (decoded.length() != 1) {
                    continue;
                }
                char c = decoded.charAt(0);
                if (c == '\uFFFD' || Character.isISOControl(c)) {
                    continue;
                }
                printedFor[b] = c;
                if (byteFor[c] == 0) {
                    byteFor[c] = (byte) b;
                }
            }
        }

        /** Whether the table has a byte for {@code c} so far. */
        public boolean has(char c) {
            return byteFor[c] != 0;
        }

        /** The byte for {@code c}, or 0 when the table has none. */
        public int byteFor(char c) {
            return byteFor[c] & 0xFF;
        }

        /** The character the printer prints for byte {@code b}. */
        public char printedFor(int b) {
            return printedFor[b & 0xFF];
        }

        /** Prints {@code missing} as the byte of {@code present}, unless {@code missing} has a byte of its own. */
        public Builder substitute(char missing, char present) {
            if (byteFor[missing] == 0 && byteFor[present] != 0) {
                byteFor[missing] = byteFor[present];
            }
            return this;
        }

        /** Prints {@code c} as byte {@code b}, which must be printable (0x20–0xFF, not 0x7F). */
        public Builder map(char c, int b) {
            if (b < 0x20 || b == 0x7F || b > 0xFF) {
                throw new IllegalArgumentException(
                        "byte: 0x" + Integer.toHexString(b) + " (expected: 0x20–0xFF but not 0x7F)");
            }
            byteFor[c] = (byte) b;
            return this;
        }

        public CharTable build() {
            return new CharTable(name, byteFor.clone(), printedFor.clone());
        }
    }
}
