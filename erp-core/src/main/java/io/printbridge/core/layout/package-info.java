/**
 * The device-neutral receipt: blocks of logical (unshaped, unordered) text, rows of columns,
 * rules, QR codes, images and feeds, sized for one paper width. Nothing here knows a printer
 * command or a code page; {@code printer.Typesetter} turns a layout into printable lines.
 */
@NullMarked
package io.printbridge.core.layout;

import org.jspecify.annotations.NullMarked;
