package io.printbridge.core.invoice;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the violations of one document, keeping the first
 * {@link InvoiceLimits#MAX_REPORTED_VIOLATIONS} and counting the rest.
 */
final class ViolationCollector {
    private final List<Violation> kept = new ArrayList<>();
    private int count;

    void add(String path, String message) {
        count++;
        if (kept.size() < InvoiceLimits.MAX_REPORTED_VIOLATIONS) {
            kept.add(new Violation(path, message));
        }
    }

    /** How many violations so far; compare two readings to learn whether a part was clean. */
    int count() {
        return count;
    }

    /** Throws the collected violations, if there are any. */
    void throwIfAny() {
        if (count > 0) {
            throw new InvoiceValidationException(kept, count);
        }
    }
}
