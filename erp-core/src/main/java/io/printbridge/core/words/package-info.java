/**
 * The total in words, as Algerian invoices print it below the totals: «Arrêtée la présente
 * facture à la somme de : ...». Entry point: {@link io.printbridge.core.words.AmountInWords#of}.
 */
@NullMarked
package io.printbridge.core.words;

import org.jspecify.annotations.NullMarked;
