package io.printbridge.core.layout;

import static java.util.Objects.requireNonNull;

/**
 * A QR code (model 2) of {@code data}, centred. {@code moduleSize} is the preferred size of one
 * module in dots; the typesetter shrinks it if the symbol would not fit the paper.
 */
public record QrBlock(String data, int moduleSize, QrErrorCorrection errorCorrection) implements Block {

    public QrBlock {
        requireNonNull(data, "data");
        requireNonNull(errorCorrection, "errorCorrection");
        if (data.isEmpty()) {
            throw new IllegalArgumentException("data: \"\" (expected: at least one character)");
        }
        if (moduleSize < 1 || moduleSize > 16) {
            throw new IllegalArgumentException("moduleSize: " + moduleSize + " (expected: 1 to 16 dots)");
        }
    }
}
