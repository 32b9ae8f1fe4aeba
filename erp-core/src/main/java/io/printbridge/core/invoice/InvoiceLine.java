package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One line of the invoice.
 *
 * @param description what was sold, as printed
 * @param quantity how many (may have decimals, e.g. a weight in kg)
 * @param unitPrice price of one unit, before tax
 * @param taxRate tax rate in percent, e.g. {@code 19}
 * @param amount {@code quantity × unitPrice}, rounded half-up to 0.01
 */
public record InvoiceLine(
        String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal taxRate, BigDecimal amount) {
    public InvoiceLine {
        requireNonNull(description, "description");
        requireNonNull(quantity, "quantity");
        requireNonNull(unitPrice, "unitPrice");
        requireNonNull(taxRate, "taxRate");
        requireNonNull(amount, "amount");
    }
}
