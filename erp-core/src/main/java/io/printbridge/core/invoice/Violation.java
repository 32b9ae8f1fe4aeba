package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

/**
 * One broken rule in an invoice document.
 *
 * @param path where in the document, e.g. {@code lines[0].quantity}, {@code totals.total}, or
 *     {@code document} for the document as a whole
 * @param message the bad value and what was expected, e.g.
 *     {@code "four" (expected: a decimal number such as "2" or "1.5")}
 */
public record Violation(String path, String message) {
    public Violation {
        requireNonNull(path, "path");
        requireNonNull(message, "message");
    }

    /** {@code path: message}, as listed in {@link InvoiceValidationException#getMessage()}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
