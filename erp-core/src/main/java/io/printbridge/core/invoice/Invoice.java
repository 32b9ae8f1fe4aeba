package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An invoice to print, as the ERP described it.
 *
 * <p>The record itself only guarantees non-null components and unmodifiable collections; an
 * instance from {@link InvoiceParser} has also passed every rule of the contract (printable text,
 * sizes, amounts that add up).
 *
 * @param number invoice number as printed
 * @param issuedAt when the invoice was issued, with the store's offset
 * @param language language of labels, amount in words and layout direction
 * @param currency currency of every amount (DZD for now, see {@link InvoiceLimits#SUPPORTED_CURRENCIES})
 * @param seller the issuing business
 * @param customer the buyer, when named
 * @param cashier who served, when given
 * @param lines what was sold; at least one
 * @param totals net, taxes, stamp and total
 * @param payments payments received, possibly none
 * @param change cash given back, when given
 * @param qr content of a QR code to print, when given
 * @param footer lines printed at the bottom, possibly none
 */
public record Invoice(
        String number,
        OffsetDateTime issuedAt,
        Language language,
        Currency currency,
        Seller seller,
        @Nullable Customer customer,
        @Nullable String cashier,
        List<InvoiceLine> lines,
        Totals totals,
        List<Payment> payments,
        @Nullable BigDecimal change,
        @Nullable String qr,
        List<String> footer) {
    public Invoice {
        requireNonNull(number, "number");
        requireNonNull(issuedAt, "issuedAt");
        requireNonNull(language, "language");
        requireNonNull(currency, "currency");
        requireNonNull(seller, "seller");
        lines = List.copyOf(lines);
        requireNonNull(totals, "totals");
        payments = List.copyOf(payments);
        footer = List.copyOf(footer);
    }
}
