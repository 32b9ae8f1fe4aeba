package io.printbridge.core.words;

import java.math.BigDecimal;

/**
 * An amount split into its whole units and hundredths, after checking it is one that can be
 * written in words.
 */
record DinarsAndCentimes(long dinars, int centimes) {

    static DinarsAndCentimes of(BigDecimal amount) {
        if (amount.signum() < 0 || amount.compareTo(AmountInWords.MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("amount: " + amount.toPlainString() + " (expected: 0 to "
                    + AmountInWords.MAX_AMOUNT.toPlainString() + ")");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            // Rounding here would print words that disagree with the figures above them.
            throw new IllegalArgumentException(
                    "amount: " + amount.toPlainString() + " (expected: at most 2 decimal places)");
        }
        BigDecimal inCentimes = amount.movePointRight(2);
        long total = inCentimes.longValueExact();
        return new DinarsAndCentimes(total / 100, (int) (total % 100));
    }

    /** Checks the range of {@link AmountInWords#number(long)}. */
    static void checkNumber(long n) {
        if (n < 0 || n > AmountInWords.MAX_NUMBER) {
            throw new IllegalArgumentException("number: " + n + " (expected: 0 to " + AmountInWords.MAX_NUMBER + ")");
        }
    }
}
