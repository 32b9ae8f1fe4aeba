/**
 * The ESC/POS wire format: a command writer whose every method is one printer command, and the
 * encoder that turns typeset print lines into the byte stream a receipt printer prints.
 */
@NullMarked
package io.printbridge.core.escpos;

import org.jspecify.annotations.NullMarked;
