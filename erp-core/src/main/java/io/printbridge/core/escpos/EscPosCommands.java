package io.printbridge.core.escpos;

import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.QrErrorCorrection;
import io.printbridge.core.raster.Bitmap;
import java.util.Arrays;

/**
 * Appends ESC/POS commands to a growing byte stream. One method per command, named in its
 * javadoc as the Epson reference names it; arguments are checked against the command's range.
 */
public final class EscPosCommands {

    private static final byte ESC = 0x1B;
    private static final byte GS = 0x1D;
    private static final byte FS = 0x1C;
    private static final byte LF = 0x0A;
    /** Rows per {@code GS v 0} band: small enough for the receive buffer of cheap clones. */
    static final int RASTER_BAND_ROWS = 128;

    private byte[] bytes;
    private int size;

    public EscPosCommands(int expectedSize) {
        bytes = new byte[Math.max(64, expectedSize)];
    }

    /** {@code ESC @}: initialize the printer (styles, justification and code table back to defaults). */
    public EscPosCommands initialize() {
        return put(ESC, (byte) '@');
    }

    /** {@code FS .}: cancel Kanji (double-byte) character mode, so bytes above 0x7F print from the code table. */
    public EscPosCommands cancelKanjiMode() {
        return put(FS, (byte) '.');
    }

    /** {@code ESC t n}: select character code table {@code n} (numbering is the vendor's). */
    public EscPosCommands selectCodeTable(int n) {
        checkByte("code table", n, 0, 255);
        return put(ESC, (byte) 't', (byte) n);
    }

    /** {@code ESC a n}: justification, 0 left, 1 centre, 2 right. */
    public EscPosCommands justify(Alignment alignment) {
        byte n = switch (alignment) {
            case LEFT -> 0;
            case CENTER -> 1;
            case RIGHT -> 2;
        };
        return put(ESC, (byte) 'a', n);
    }

    /** {@code ESC E n}: emphasized (bold) mode on ({@code n = 1}) or off ({@code n = 0}). */
    public EscPosCommands bold(boolean on) {
        return put(ESC, (byte) 'E', (byte) (on ? 1 : 0));
    }

    /** {@code GS ! n}: character size, width magnification in the high nibble, height in the low (1–8 each). */
    public EscPosCommands characterSize(int widthScale, int heightScale) {
        checkByte("width scale", widthScale, 1, 8);
        checkByte("height scale", heightScale, 1, 8);
        return put(GS, (byte) '!', (byte) (((widthScale - 1) << 4) | (heightScale - 1)));
    }

    /**
     * Text to print from the current code table. A byte below 0x20 or 0x7F would be read as a
     * command, so it goes out as a space: text can never control the printer.
     */
    public EscPosCommands text(byte[] text) {
        ensure(text.length);
        for (byte b : text) {
            bytes[size++] = (b >= 0 && b < 0x20) || b == 0x7F ? 0x20 : b;
        }
        return this;
    }

    /** {@code LF}: print the line buffer and feed one line. */
    public EscPosCommands lineFeed() {
        return put(LF);
    }

    /** {@code ESC d n}: print the line buffer and feed {@code n} lines. */
    public EscPosCommands feedLines(int n) {
        checkByte("lines", n, 0, 255);
        return put(ESC, (byte) 'd', (byte) n);
    }

    /**
     * {@code GS v 0 m xL xH yL yH d1...dk}: print a raster bit image in normal density
     * ({@code m = 0}), {@code x} bytes wide and {@code y} dots high, sent in bands of
     * {@value #RASTER_BAND_ROWS} rows.
     */
    public EscPosCommands rasterImage(Bitmap bitmap) {
        int widthBytes = bitmap.bytesPerRow();
        for (int top = 0; top < bitmap.height(); top += RASTER_BAND_ROWS) {
            int rows = Math.min(RASTER_BAND_ROWS, bitmap.height() - top);
            put(GS, (byte) 'v', (byte) '0', (byte) 0, (byte) widthBytes, (byte) (widthBytes >>> 8), (byte) rows, (byte)
                    (rows >>> 8));
            byte[] band = bitmap.rows(top, rows);
            ensure(band.length);
            System.arraycopy(band, 0, bytes, size, band.length);
            size += band.length;
        }
        return this;
    }

    /** {@code GS ( k pL pH 49 65 n1 n2} (function 165): select QR model, {@code n1 = 50} for model 2. */
    public EscPosCommands qrSelectModel2() {
        return put(GS, (byte) '(', (byte) 'k', (byte) 4, (byte) 0, (byte) 49, (byte) 65, (byte) 50, (byte) 0);
    }

    /** {@code GS ( k pL pH 49 67 n} (function 167): size of one QR module in dots (1–16). */
    public EscPosCommands qrModuleSize(int dots) {
        checkByte("module size", dots, 1, 16);
        return put(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 67, (byte) dots);
    }

    /** {@code GS ( k pL pH 49 69 n} (function 169): QR error-correction level, 48 (L) to 51 (H). */
    public EscPosCommands qrErrorCorrection(QrErrorCorrection level) {
        return put(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 69, (byte) (48 + level.ordinal()));
    }

    /**
     * {@code GS ( k pL pH 49 80 48 d1...dk} (function 180): store QR data. The parameter length
     * {@code pL + 256 × pH} counts the stored bytes plus the three bytes {@code 49 80 48}: it is
     * the length of the encoded bytes, not of the Java string they came from.
     */
    public EscPosCommands qrStore(byte[] data) {
        int length = data.length + 3;
        if (length > 7092) {
            throw new IllegalArgumentException("QR data: " + data.length + " bytes (expected: at most 7089)");
        }
        put(GS, (byte) '(', (byte) 'k', (byte) length, (byte) (length >>> 8), (byte) 49, (byte) 80, (byte) 48);
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
        return this;
    }

    /** {@code GS ( k pL pH 49 81 48} (function 181): print the stored QR symbol. */
    public EscPosCommands qrPrint() {
        return put(GS, (byte) '(', (byte) 'k', (byte) 3, (byte) 0, (byte) 49, (byte) 81, (byte) 48);
    }

    /**
     * {@code ESC p m t1 t2}: pulse drawer-kick connector pin 2 ({@code m = 0}) for 50 ms on
     * ({@code t1 = 25} × 2 ms) and 500 ms off ({@code t2 = 250} × 2 ms), which opens a cash drawer.
     */
    public EscPosCommands openDrawer() {
        return put(ESC, (byte) 'p', (byte) 0, (byte) 25, (byte) 250);
    }

    /**
     * {@code GS V m n} with {@code m = 66} (function B): feed the paper to the cutter plus
     * {@code n} dots, then cut it partially, leaving a tab so the receipt does not fall.
     */
    public EscPosCommands feedAndPartialCut(int extraDots) {
        checkByte("extra dots", extraDots, 0, 255);
        return put(GS, (byte) 'V', (byte) 66, (byte) extraDots);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private EscPosCommands put(byte... command) {
        ensure(command.length);
        System.arraycopy(command, 0, bytes, size, command.length);
        size += command.length;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private static void checkByte(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: " + min + " to " + max + ")");
        }
    }
}
