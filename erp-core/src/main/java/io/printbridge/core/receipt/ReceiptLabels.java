package io.printbridge.core.receipt;

import io.printbridge.core.invoice.Language;
import io.printbridge.core.invoice.PaymentMethod;
import java.util.Currency;

/** The fixed words of a receipt in one language. */
record ReceiptLabels(
        String invoiceNumber,
        String date,
        String cashier,
        String customer,
        String phone,
        String description,
        String quantityTimesPrice,
        String amount,
        String net,
        String tax,
        String taxBase,
        String stamp,
        String total,
        String cash,
        String card,
        String transfer,
        String cheque,
        String change,
        String dinar) {

    static final ReceiptLabels FRENCH = new ReceiptLabels(
            "Facture N°",
            "Date",
            "Caissier",
            "Client",
            "Tél.",
            "Désignation",
            "Qté × P.U.",
            "Montant",
            "Total HT",
            "TVA",
            "sur",
            "Droit de timbre",
            "Total TTC",
            "Espèces",
            "Carte",
            "Virement",
            "Chèque",
            "Rendu",
            "DA");

    static final ReceiptLabels ARABIC = new ReceiptLabels(
            "فاتورة رقم",
            "التاريخ",
            "أمين الصندوق",
            "الزبون",
            "الهاتف",
            "البيان",
            "الكمية × السعر",
            "المبلغ",
            "المجموع خارج الرسوم",
            "ر.ق.م",
            "على",
            "حقوق الطابع",
            "المجموع",
            "نقدا",
            "بطاقة بنكية",
            "تحويل",
            "صك",
            "الباقي",
            "دج");

    static ReceiptLabels of(Language language) {
        return switch (language) {
            case FR -> FRENCH;
            case AR -> ARABIC;
        };
    }

    String payment(PaymentMethod method) {
        return switch (method) {
            case CASH -> cash;
            case CARD -> card;
            case TRANSFER -> transfer;
            case CHEQUE -> cheque;
        };
    }

    /** The printed symbol of {@code currency}: DA / دج for the dinar, else its ISO code. */
    String currencySymbol(Currency currency) {
        return currency.getCurrencyCode().equals("DZD") ? dinar : currency.getCurrencyCode();
    }
}
