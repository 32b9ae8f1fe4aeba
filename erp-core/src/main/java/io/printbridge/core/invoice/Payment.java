package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One payment received for the invoice.
 *
 * @param method how it was paid
 * @param amount how much was handed over (for cash, possibly more than the total)
 */
public record Payment(PaymentMethod method, BigDecimal amount) {
    public Payment {
        requireNonNull(method, "method");
        requireNonNull(amount, "amount");
    }
}
