package io.printbridge.core.invoice;

import java.util.Optional;

/** How a payment was made. */
public enum PaymentMethod {
    /** Banknotes and coins; the only method that usually gives change. */
    CASH("cash"),
    /** Bank card (CIB, Edahabia, ...). */
    CARD("card"),
    /** Bank or postal transfer. */
    TRANSFER("transfer"),
    /** Cheque. */
    CHEQUE("cheque");

    private final String code;

    PaymentMethod(String code) {
        this.code = code;
    }

    /** The code used in the invoice document, e.g. {@code "cash"}. */
    public String code() {
        return code;
    }

    /** The method whose document code is exactly {@code code} (lower case), if any. */
    public static Optional<PaymentMethod> ofCode(String code) {
        for (PaymentMethod method : values()) {
            if (method.code.equals(code)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
