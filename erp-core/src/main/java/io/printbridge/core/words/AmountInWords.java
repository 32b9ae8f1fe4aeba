package io.printbridge.core.words;

import io.printbridge.core.invoice.Language;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * Writes an amount of money in words, in one language, for one currency.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface AmountInWords {

    /** Largest amount {@link #sentence(BigDecimal)} accepts: the largest amount on an invoice. */
    BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    /** Largest number {@link #number(long)} accepts (just under a thousand milliards). */
    long MAX_NUMBER = 999_999_999_999L;

    /**
     * The closing sentence of an invoice for {@code amount}, e.g. «Arrêtée la présente facture à
     * la somme de : quatre mille cent cinquante-huit dinars et cinquante-sept centimes.»
     *
     * @param amount 0 to {@link #MAX_AMOUNT}, with at most 2 decimal places
     * @throws IllegalArgumentException naming the value and the accepted range otherwise
     */
    String sentence(BigDecimal amount);

    /**
     * A whole number in words, without unit, e.g. «quatre mille cent cinquante-huit».
     *
     * @param n 0 to {@link #MAX_NUMBER}
     * @throws IllegalArgumentException naming the value and the accepted range otherwise
     */
    String number(long n);

    /**
     * The amount in words for invoices in {@code language} and {@code currency}.
     *
     * @throws IllegalArgumentException if there are no words for {@code currency} (only DZD so far)
     */
    static AmountInWords of(Language language, Currency currency) {
        if (!currency.getCurrencyCode().equals("DZD")) {
            throw new IllegalArgumentException("currency: " + currency + " (expected: DZD)");
        }
        return switch (language) {
            case FR -> FrenchAmountInWords.INSTANCE;
            case AR -> ArabicAmountInWords.INSTANCE;
        };
    }
}
