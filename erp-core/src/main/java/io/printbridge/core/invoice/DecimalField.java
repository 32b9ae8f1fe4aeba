package io.printbridge.core.invoice;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** The kinds of decimal field in an invoice document, each with its range and precision. */
enum DecimalField {
    /** Any amount of money: 0 to {@link InvoiceLimits#MAX_AMOUNT}, in centimes. */
    MONEY(false, InvoiceLimits.MAX_AMOUNT, InvoiceLimits.MONEY_SCALE, "\"1234.50\" or \"0.00\""),
    /** A line quantity: more than 0, up to {@link InvoiceLimits#MAX_QUANTITY}. */
    QUANTITY(true, InvoiceLimits.MAX_QUANTITY, InvoiceLimits.QUANTITY_SCALE, "\"2\" or \"1.5\""),
    /** A tax rate in percent: 0 to 100. */
    TAX_RATE(false, InvoiceLimits.MAX_TAX_RATE, InvoiceLimits.TAX_RATE_SCALE, "\"19\" or \"9\"");

    private final boolean mustBePositive;
    private final BigDecimal max;
    private final int maxScale;
    private final String examples;

    DecimalField(boolean mustBePositive, BigDecimal max, int maxScale, String examples) {
        this.mustBePositive = mustBePositive;
        this.max = max;
        this.maxScale = maxScale;
        this.examples = examples;
    }

    /** What a value of this kind looks like, for "(expected: ...)" in messages. */
    String expected() {
        return "a decimal number such as " + examples;
    }

    /** Why {@code value} is out of range or too precise, or null when it is fine. */
    @Nullable
    String problem(BigDecimal value) {
        if (mustBePositive && value.signum() <= 0) {
            return "greater than 0";
        }
        if (value.signum() < 0) {
            return "0 or more";
        }
        if (value.compareTo(max) > 0) {
            return "at most " + max.toPlainString();
        }
        if (value.scale() > maxScale) {
            return "at most " + maxScale + " decimal places";
        }
        return null;
    }
}
