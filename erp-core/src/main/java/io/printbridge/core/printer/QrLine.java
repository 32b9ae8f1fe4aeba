package io.printbridge.core.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.layout.QrErrorCorrection;
import java.nio.charset.StandardCharsets;

/** A QR code the printer draws itself, centred, from the UTF-8 bytes of {@code data}. */
public record QrLine(String data, int moduleSize, QrErrorCorrection errorCorrection) implements PrintLine {

    public QrLine {
        requireNonNull(data, "data");
        requireNonNull(errorCorrection, "errorCorrection");
    }

    /** What the printer stores and encodes: UTF-8, the encoding phone scanners assume. */
    public byte[] bytes() {
        return data.getBytes(StandardCharsets.UTF_8);
    }
}
