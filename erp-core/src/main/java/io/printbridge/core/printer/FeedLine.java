package io.printbridge.core.printer;

/** Blank paper, {@code lines} text lines long. */
public record FeedLine(int lines) implements PrintLine {}
