package io.printbridge.core.layout;

/** One element of a receipt layout, printed below the previous one. */
public sealed interface Block permits TextBlock, RowBlock, RuleBlock, QrBlock, ImageBlock, FeedBlock {}
