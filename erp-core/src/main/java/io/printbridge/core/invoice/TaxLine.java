package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The tax due at one rate.
 *
 * @param rate tax rate in percent, e.g. {@code 19}
 * @param base sum of the amounts of the lines at this rate
 * @param amount {@code base × rate / 100}, rounded half-up to 0.01
 */
public record TaxLine(BigDecimal rate, BigDecimal base, BigDecimal amount) {
    public TaxLine {
        requireNonNull(rate, "rate");
        requireNonNull(base, "base");
        requireNonNull(amount, "amount");
    }
}
