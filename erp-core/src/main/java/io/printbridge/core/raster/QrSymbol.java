package io.printbridge.core.raster;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.printbridge.core.layout.QrErrorCorrection;
import java.nio.charset.StandardCharsets;

/**
 * The modules of a QR code (model 2) holding exact bytes, as a printer's native {@code GS ( k}
 * builds it from the same bytes: byte mode, no ECI header. Used to size the printed symbol, to
 * draw it in the preview, and to print it as a raster on printers without native QR.
 */
public final class QrSymbol {

    private final ByteMatrix matrix;

    private QrSymbol(ByteMatrix matrix) {
        this.matrix = matrix;
    }

    public static QrSymbol of(byte[] data, QrErrorCorrection errorCorrection) {
        try {
            // ISO-8859-1 maps each byte to one char and back, so ZXing stores the bytes unchanged
            // and, with no character-set hint, writes no ECI segment.
            String asLatin1 = new String(data, StandardCharsets.ISO_8859_1);
            return new QrSymbol(Encoder.encode(asLatin1, ErrorCorrectionLevel.valueOf(errorCorrection.name()))
                    .getMatrix());
        } catch (WriterException e) {
            throw new IllegalArgumentException(
                    "QR data: " + data.length + " bytes (expected: at most what a version-40 symbol holds)", e);
        }
    }

    /**
     * Modules on a side of the smallest symbol that holds {@code byteCount} bytes in byte mode,
     * the mode a printer uses for arbitrary bytes. This reads ZXing's version tables only, without
     * building the symbol (which costs more than encoding the rest of a receipt), so a printer
     * that draws its own QR code gets its module size cheaply.
     */
    public static int modulesForBytes(int byteCount, QrErrorCorrection errorCorrection) {
        ErrorCorrectionLevel level = ErrorCorrectionLevel.valueOf(errorCorrection.name());
        for (int number = 1; number <= 40; number++) {
            Version version = Version.getVersionForNumber(number);
            int characterCountBits = number <= 9 ? 8 : 16;
            int dataBits = 4 + characterCountBits + 8 * byteCount;
            int dataCodewords = version.getTotalCodewords()
                    - version.getECBlocksForLevel(level).getTotalECCodewords();
            if ((dataBits + 7) / 8 <= dataCodewords) {
                return version.getDimensionForVersion();
            }
        }
        throw new IllegalArgumentException(
                "QR data: " + byteCount + " bytes (expected: at most what a version-40 symbol holds)");
    }

    /**
     * The largest module size up to {@code preferred} at which a symbol of {@code modules} and its
     * 4-module quiet zone on each side fit in {@code dotWidth}; at least 1.
     */
    public static int fitModuleSize(int modules, int preferred, int dotWidth) {
        return Math.max(1, Math.min(preferred, dotWidth / (modules + 8)));
    }

    /** Modules on a side (21 for version 1, up to 177). */
    public int modules() {
        return matrix.getWidth();
    }

    public boolean isDark(int x, int y) {
        return matrix.get(x, y) == 1;
    }

    /**
     * The largest module size up to {@code preferred} at which the symbol and its 4-module quiet
     * zone on each side fit in {@code dotWidth}; at least 1.
     */
    public int fitModuleSize(int preferred, int dotWidth) {
        return fitModuleSize(modules(), preferred, dotWidth);
    }

    /** The symbol at {@code moduleSize} dots per module, centred on a line {@code dotWidth} wide. */
    public Bitmap toBitmap(int moduleSize, int dotWidth) {
        int side = modules() * moduleSize;
        int left = Math.max(0, (dotWidth - side) / 2);
        boolean[][] black = new boolean[side][dotWidth];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side && left + x < dotWidth; x++) {
                black[y][left + x] = isDark(x / moduleSize, y / moduleSize);
            }
        }
        return Bitmap.fromMask(black, dotWidth);
    }
}
