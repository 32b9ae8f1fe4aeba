package io.printbridge.core.invoice;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an invoice document breaks the contract; nothing may be printed from it.
 *
 * <p>The message lists the violations, e.g.
 * {@code invoice refused: lines[0].quantity: "four" (expected: a decimal number such as "2" or "1.5")}.
 * At most {@link InvoiceLimits#MAX_REPORTED_VIOLATIONS} are kept, so a huge broken document
 * cannot make a huge error; {@link #totalViolations()} tells how many were found.
 */
public final class InvoiceValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;
    private final int totalViolations;

    InvoiceValidationException(List<Violation> violations, int totalViolations) {
        super(message(violations, totalViolations));
        this.violations = List.copyOf(violations);
        this.totalViolations = totalViolations;
    }

    /** The violations found, in document order as far as possible; never empty. */
    public List<Violation> violations() {
        return violations;
    }

    /** How many violations were found, including those not kept in {@link #violations()}. */
    public int totalViolations() {
        return totalViolations;
    }

    private static String message(List<Violation> violations, int totalViolations) {
        String listed = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        int omitted = totalViolations - violations.size();
        return "invoice refused: " + listed + (omitted > 0 ? "; and " + omitted + " more" : "");
    }
}
