package io.printbridge.core.receipt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as Algerian receipts print them, in both languages: groups of three digits separated
 * by a no-break space, a decimal comma, two decimals for money ("4 158,57"). The no-break space
 * keeps an amount on one line when wrapping and one number for the bidi algorithm, so it is
 * never split or reordered in an Arabic line; it prints as an ordinary space.
 */
final class AmountFormat {

    static final char GROUP_SEPARATOR = '\u00A0';

    private AmountFormat() {}

    /** Money with exactly two decimals: 4158.57 → "4 158,57". */
    static String money(BigDecimal amount) {
        return grouped(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** A quantity or rate with only the decimals it needs: 2 → "2", 1.500 → "1,5". */
    static String quantity(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return grouped(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }

    private static String grouped(BigDecimal value) {
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        int integerDigits = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + integerDigits / 3 + 1);
        if (value.signum() < 0) {
            out.append('-');
        }
        for (int i = 0; i < integerDigits; i++) {
            if (i > 0 && (integerDigits - i) % 3 == 0) {
                out.append(GROUP_SEPARATOR);
            }
            out.append(plain.charAt(i));
        }
        if (point >= 0) {
            out.append(',').append(plain, point + 1, plain.length());
        }
        return out.toString();
    }
}
