package io.printbridge.core.invoice;

import java.util.Optional;

/** The language an invoice is printed in: labels, amount in words and layout direction. */
public enum Language {
    /** French, written left to right. */
    FR("fr", false),
    /** Arabic, written right to left. */
    AR("ar", true);

    private final String code;
    private final boolean rightToLeft;

    Language(String code, boolean rightToLeft) {
        this.code = code;
        this.rightToLeft = rightToLeft;
    }

    /** The code used in the invoice document: {@code "fr"} or {@code "ar"}. */
    public String code() {
        return code;
    }

    /** Whether lines in this language are laid out from right to left. */
    public boolean isRightToLeft() {
        return rightToLeft;
    }

    /** The language whose document code is exactly {@code code} (lower case), if any. */
    public static Optional<Language> ofCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
