package io.printbridge.core.printer;

/** One printed line (or symbol, or picture) of a receipt, ready for a device encoder. */
public sealed interface PrintLine permits TextLine, BitmapLine, QrLine, FeedLine {}
