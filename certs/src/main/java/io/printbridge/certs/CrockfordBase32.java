package io.printbridge.certs;

/**
 * Crockford's base32 (digits and letters without I, L, O, U): symbols a person can read out over
 * the phone and type at a till without confusing them. Reading forgives what people do: lowercase,
 * and O for 0, I or L for 1.
 */
final class CrockfordBase32 {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private CrockfordBase32() {}

    /** {@code symbols} symbols for the low {@code 5 * symbols} bits of {@code bits}, most significant first. */
    static String encode(long bits, int symbols) {
        char[] out = new char[symbols];
        for (int i = symbols - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(out);
    }

    /** The symbol a person meant by {@code c}, or -1 when it is none (U, punctuation, other scripts). */
    static int valueOf(char c) {
        char upper = Character.toUpperCase(c);
        return switch (upper) {
            case 'O' -> 0;
            case 'I', 'L' -> 1;
            default -> upper < 128 ? ALPHABET.indexOf(upper) : -1;
        };
    }
}
