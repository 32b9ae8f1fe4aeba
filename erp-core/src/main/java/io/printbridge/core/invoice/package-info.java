/**
 * The invoice document the ERP sends, and its parser.
 *
 * <p>{@link io.printbridge.core.invoice.InvoiceParser} turns the JSON of
 * {@code examples/invoices/README.md} into an immutable {@link io.printbridge.core.invoice.Invoice},
 * or refuses it with an {@link io.printbridge.core.invoice.InvoiceValidationException} that lists
 * every {@link io.printbridge.core.invoice.Violation} found. An {@code Invoice} obtained from the
 * parser has been checked: its text is printable (see
 * {@link io.printbridge.core.invoice.PrintableText}), its sizes are within
 * {@link io.printbridge.core.invoice.InvoiceLimits}, and its amounts add up.
 */
@NullMarked
package io.printbridge.core.invoice;

import org.jspecify.annotations.NullMarked;
