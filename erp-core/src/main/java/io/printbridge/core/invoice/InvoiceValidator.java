package io.printbridge.core.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that the amounts of an invoice whose fields are each valid add up, as the contract
 * defines them:
 *
 * <ul>
 *   <li>each line: {@code amount = quantity × unitPrice}, rounded half-up to 0.01;
 *   <li>{@code net} = sum of the line amounts;
 *   <li>{@code taxes}: exactly one entry per rate used by the lines, with {@code base} = sum of
 *       the line amounts at that rate and {@code amount = base × rate / 100} rounded half-up;
 *   <li>{@code total = net + tax amounts + stamp};
 *   <li>{@code change}, when given, {@code = payments − total}, and the payments must cover the
 *       total (checked only when the total adds up). Without {@code change}, payments are not compared with the total: an invoice may be
 *       printed before it is paid, or paid in part.
 * </ul>
 *
 * <p>Amounts are compared by value ({@code 19} equals {@code 19.00}). Each rule compares a field
 * with the fields it is made of as the document states them, so one wrong number is reported
 * once, not again in every sum above it.
 */
final class InvoiceValidator {
    private final ViolationCollector violations;

    InvoiceValidator(ViolationCollector violations) {
        this.violations = violations;
    }

    void check(Invoice invoice) {
        checkLineAmounts(invoice.lines());
        checkNet(invoice.lines(), invoice.totals());
        checkTaxes(invoice.lines(), invoice.totals().taxes());
        if (checkTotal(invoice.totals())) {
            // Change is computed from the total; when the total is already refused, a second
            // violation on change would only repeat the same mistake.
            checkChange(invoice);
        }
    }

    private void checkLineAmounts(List<InvoiceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            BigDecimal expected = line.quantity().multiply(line.unitPrice()).setScale(2, RoundingMode.HALF_UP);
            if (line.amount().compareTo(expected) != 0) {
                violations.add(
                        FieldReader.path(FieldReader.path("lines", i), "amount"),
                        shown(line.amount()) + " (expected: " + shown(expected) + " = " + plain(line.quantity()) + " × "
                                + plain(line.unitPrice()) + " rounded half-up to 0.01)");
            }
        }
    }

    private void checkNet(List<InvoiceLine> lines, Totals totals) {
        BigDecimal expected = lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (totals.net().compareTo(expected) != 0) {
            violations.add(
                    "totals.net",
                    shown(totals.net()) + " (expected: " + shown(expected) + ", the sum of the line amounts)");
        }
    }

    private void checkTaxes(List<InvoiceLine> lines, List<TaxLine> taxes) {
        Map<BigDecimal, BigDecimal> baseByRate = new LinkedHashMap<>();
        for (InvoiceLine line : lines) {
            baseByRate.merge(rateKey(line.taxRate()), line.amount(), BigDecimal::add);
        }
        String usedRates =
                baseByRate.keySet().stream().map(InvoiceValidator::plain).collect(Collectors.joining(", "));
        Set<BigDecimal> declared = new HashSet<>();
        for (int i = 0; i < taxes.size(); i++) {
            TaxLine tax = taxes.get(i);
            String path = FieldReader.path("totals.taxes", i);
            BigDecimal rate = rateKey(tax.rate());
            if (!declared.add(rate)) {
                violations.add(
                        FieldReader.path(path, "rate"),
                        shown(tax.rate()) + " (expected: each rate once; this one appears earlier in the list)");
                continue;
            }
            BigDecimal expectedBase = baseByRate.get(rate);
            if (expectedBase == null) {
                violations.add(
                        FieldReader.path(path, "rate"),
                        shown(tax.rate()) + " (expected: a rate used by the lines: " + usedRates + ")");
                continue;
            }
            if (tax.base().compareTo(expectedBase) != 0) {
                violations.add(
                        FieldReader.path(path, "base"),
                        shown(tax.base()) + " (expected: " + shown(expectedBase) + ", the sum of the line amounts at "
                                + plain(rate) + "%)");
            }
            BigDecimal expectedAmount =
                    tax.base().multiply(tax.rate()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            if (tax.amount().compareTo(expectedAmount) != 0) {
                violations.add(
                        FieldReader.path(path, "amount"),
                        shown(tax.amount()) + " (expected: "
                                + shown(expectedAmount) + " = " + plain(tax.base()) + " × " + plain(rate)
                                + "% rounded half-up to 0.01)");
            }
        }
        for (BigDecimal rate : baseByRate.keySet()) {
            if (!declared.contains(rate)) {
                violations.add(
                        "totals.taxes",
                        "no entry for rate " + plain(rate) + " (expected: one entry per rate used by the lines: "
                                + usedRates + ")");
            }
        }
    }

    /** Whether the total adds up. */
    private boolean checkTotal(Totals totals) {
        BigDecimal taxes = totals.taxes().stream().map(TaxLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal expected = totals.net().add(taxes).add(totals.stamp());
        if (totals.total().compareTo(expected) != 0) {
            violations.add(
                    "totals.total",
                    shown(totals.total()) + " (expected: " + shown(expected)
                            + " = net " + plain(totals.net()) + " + taxes " + plain(taxes)
                            + " + stamp " + plain(totals.stamp()) + ")");
            return false;
        }
        return true;
    }

    private void checkChange(Invoice invoice) {
        BigDecimal change = invoice.change();
        if (change == null) {
            return;
        }
        BigDecimal paid = invoice.payments().stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = invoice.totals().total();
        BigDecimal expected = paid.subtract(total);
        if (expected.signum() < 0) {
            violations.add(
                    "change",
                    shown(change) + " (expected: no change, since the payments " + plain(paid)
                            + " do not cover the total " + plain(total) + ")");
        } else if (change.compareTo(expected) != 0) {
            violations.add(
                    "change",
                    shown(change) + " (expected: " + shown(expected) + " = payments " + plain(paid) + " − total "
                            + plain(total) + ")");
        }
    }

    /** The same rate written "19" or "19.00" is one rate. */
    private static BigDecimal rateKey(BigDecimal rate) {
        return rate.stripTrailingZeros();
    }

    /** A value as the document would write it, quoted: {@code "1000.00"}. */
    private static String shown(BigDecimal value) {
        return "\"" + value.toPlainString() + "\"";
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }
}
