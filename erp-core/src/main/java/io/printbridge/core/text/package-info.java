/**
 * Text on its way to paper: cleaning untrusted strings, wrapping to columns, Arabic shaping and
 * right-to-left ordering (ICU4J), and single-byte printer code-page tables with fallbacks.
 */
@NullMarked
package io.printbridge.core.text;

import org.jspecify.annotations.NullMarked;
