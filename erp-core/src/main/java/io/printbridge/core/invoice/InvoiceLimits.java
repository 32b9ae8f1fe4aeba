package io.printbridge.core.invoice;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;

/**
 * Every size and range an invoice document must respect, in one place.
 *
 * <p>The limits are far above what a shop prints, and low enough that an ERP bug (a description
 * pasted a thousand times, an amount in centimes sent as dinars) is refused with a clear error
 * instead of printing metres of paper. Text lengths count Unicode code points after
 * {@link PrintableText#clean(String)}.
 */
public final class InvoiceLimits {
    private InvoiceLimits() {}

    /** Largest accepted JSON document, in bytes (a 1000-line invoice is about 250 KB). */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** Invoice number. */
    public static final int MAX_NUMBER_LENGTH = 40;
    /** Seller and customer names. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Seller address lines. */
    public static final int MAX_ADDRESS_LINES = 6;
    /** One seller address line. */
    public static final int MAX_ADDRESS_LINE_LENGTH = 100;
    /** Seller phone. */
    public static final int MAX_PHONE_LENGTH = 40;
    /** Legal identifiers of the seller, or of the customer. */
    public static final int MAX_IDS = 10;
    /** Label of a legal identifier ("NIF"). */
    public static final int MAX_ID_LABEL_LENGTH = 20;
    /** Value of a legal identifier. */
    public static final int MAX_ID_VALUE_LENGTH = 60;
    /** Cashier name. */
    public static final int MAX_CASHIER_LENGTH = 60;
    /** Invoice lines. */
    public static final int MAX_LINES = 1000;
    /** One line description. */
    public static final int MAX_DESCRIPTION_LENGTH = 200;
    /** Entries in {@code totals.taxes}. */
    public static final int MAX_TAX_RATES = 20;
    /** Payments. */
    public static final int MAX_PAYMENTS = 20;
    /** QR code content, in UTF-8 bytes: well inside what a receipt printer's QR command takes. */
    public static final int MAX_QR_BYTES = 700;
    /** Footer lines. */
    public static final int MAX_FOOTER_LINES = 10;
    /** One footer line. */
    public static final int MAX_FOOTER_LINE_LENGTH = 200;

    /** Largest amount of money anywhere in the document; also the range of the amount in words. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");
    /** Decimal places allowed in money (centimes). */
    public static final int MONEY_SCALE = 2;
    /** Largest quantity of one line. */
    public static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");
    /** Decimal places allowed in a quantity (grams, when the quantity is in kg). */
    public static final int QUANTITY_SCALE = 3;
    /** Largest tax rate, in percent. */
    public static final BigDecimal MAX_TAX_RATE = new BigDecimal("100");
    /** Decimal places allowed in a tax rate. */
    public static final int TAX_RATE_SCALE = 2;
    /** Longest decimal string read, so that no one makes the parser crunch a million digits. */
    public static final int MAX_DECIMAL_LENGTH = 32;

    /**
     * Currencies this version prints (labels and amount in words exist for these only). Any other
     * ISO 4217 code is refused as unsupported; adding one means adding its words.
     */
    public static final Set<Currency> SUPPORTED_CURRENCIES = Set.of(Currency.getInstance("DZD"));

    /** Violations kept in an {@link InvoiceValidationException}; the rest are only counted. */
    public static final int MAX_REPORTED_VIOLATIONS = 100;
}
