/**
 * Invoices to printed receipts: the composer that lays out an invoice in its language, and
 * {@link io.printbridge.core.receipt.ReceiptRenderer}, the one entry point the server calls for
 * ESC/POS bytes and previews.
 */
@NullMarked
package io.printbridge.core.receipt;

import org.jspecify.annotations.NullMarked;
