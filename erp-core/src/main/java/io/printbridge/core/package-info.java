/**
 * Invoices to paper: parsing and validation, a device-neutral layout, ESC/POS and preview
 * encoders, amounts in words. No network and no USB in this module.
 */
@NullMarked
package io.printbridge.core;

import org.jspecify.annotations.NullMarked;
