package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * The bottom of the invoice.
 *
 * @param net sum of the line amounts, before tax
 * @param taxes one entry per tax rate used by the lines, in the ERP's order
 * @param stamp droit de timbre (stamp duty), may be zero
 * @param total {@code net + taxes + stamp}
 */
public record Totals(BigDecimal net, List<TaxLine> taxes, BigDecimal stamp, BigDecimal total) {
    public Totals {
        requireNonNull(net, "net");
        taxes = List.copyOf(taxes);
        requireNonNull(stamp, "stamp");
        requireNonNull(total, "total");
    }
}
