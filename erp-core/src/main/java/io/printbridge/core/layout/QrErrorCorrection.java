package io.printbridge.core.layout;

/** QR error-correction level: the share of the symbol that may be damaged and still read. */
public enum QrErrorCorrection {
    /** About 7 %. */
    L,
    /** About 15 %: the usual choice for receipts. */
    M,
    /** About 25 %. */
    Q,
    /** About 30 %. */
    H
}
