package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A one-time enrolment code, {@code XXXX-XXXX-XXXX-YYYY-YYYY-YYYY}: 24 symbols of Crockford base32,
 * short enough to read over the phone. The first 12 symbols ({@code X}) are a 60-bit random
 * secret, traded once for a certificate; the server keeps only its SHA-256. The last 12 ({@code Y})
 * are the first 60 bits of the SHA-256 fingerprint of the CA that signs the server's certificate,
 * so an agent that has no file yet can tell the real server from a man in the middle on first
 * contact, as {@code kubeadm join --discovery-token-ca-cert-hash} does.
 *
 * <p>Reading forgives case, dashes, spaces and Crockford's aliases (O for 0, I or L for 1). There
 * is no check symbol: a mistyped secret is simply not known to the server, and a mistyped CA part
 * makes the agent refuse the server, both with a message that says to check the code.
 *
 * <p>{@link #toString()} hides the secret; {@link #text()} is the whole code, for the person who
 * types it.
 *
 * @param secret the secret part, 12 symbols of the alphabet
 * @param caPart the CA part, 12 symbols of the alphabet
 */
public record EnrolmentCode(String secret, String caPart) {

    /** Symbols in each part. */
    public static final int PART_SYMBOLS = 12;
    /** The longest text taken for a code: 24 symbols with dashes and some spaces. */
    public static final int MAX_TEXT = 64;
    /** What a code looks like, for messages. */
    public static final String SHAPE = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX";

    private static final String EXPECTED = " (expected: 24 letters and digits in groups of four, " + SHAPE
            + ", as IT gave it; case, dashes and spaces do not matter)";
    private static final SecureRandom RANDOM = new SecureRandom();

    public EnrolmentCode {
        requireNonNull(secret, "secret");
        requireNonNull(caPart, "caPart");
        if (!isPart(secret) || !isPart(caPart)) {
            throw new IllegalArgumentException(
                    "enrolment code parts: expected " + PART_SYMBOLS + " symbols each of " + CrockfordBase32.ALPHABET);
        }
    }

    /** A new code with a fresh random secret, naming the CA whose SHA-256 fingerprint is {@code caSha256}. */
    public static EnrolmentCode create(byte[] caSha256) {
        return new EnrolmentCode(CrockfordBase32.encode(RANDOM.nextLong(), PART_SYMBOLS), caPartOf(caSha256));
    }

    /** A new code for the CA {@code ca}. */
    public static EnrolmentCode create(X509Certificate ca) {
        return create(Fingerprints.sha256(ca));
    }

    /**
     * The code a person typed.
     *
     * @throws IllegalArgumentException saying what shape is expected (never repeating the code)
     */
    public static EnrolmentCode parse(String text) {
        String symbols = symbols(text);
        if (symbols.length() != 2 * PART_SYMBOLS) {
            throw new IllegalArgumentException("enrolment code: " + symbols.length() + " symbols" + EXPECTED);
        }
        return new EnrolmentCode(symbols.substring(0, PART_SYMBOLS), symbols.substring(PART_SYMBOLS));
    }

    /**
     * The secret part of what an agent sent: the secret alone (12 symbols, what agents send) or the
     * whole code (24 symbols).
     *
     * @throws IllegalArgumentException saying what shape is expected
     */
    public static String secretOf(String text) {
        String symbols = symbols(text);
        if (symbols.length() != PART_SYMBOLS && symbols.length() != 2 * PART_SYMBOLS) {
            throw new IllegalArgumentException("enrolment code: " + symbols.length() + " symbols (expected: the "
                    + PART_SYMBOLS + "-symbol secret part, or the whole code " + SHAPE + ")");
        }
        return symbols.substring(0, PART_SYMBOLS);
    }

    /** The CA part for the CA whose SHA-256 fingerprint is {@code caSha256}: its first 60 bits. */
    public static String caPartOf(byte[] caSha256) {
        if (caSha256.length != 32) {
            throw new IllegalArgumentException(
                    "CA fingerprint: " + caSha256.length + " bytes (expected: 32, a SHA-256)");
        }
        long first64 = 0;
        for (int i = 0; i < 8; i++) {
            first64 = (first64 << 8) | (caSha256[i] & 0xff);
        }
        return CrockfordBase32.encode(first64 >>> 4, PART_SYMBOLS);
    }

    /** Whether this code names the CA whose SHA-256 fingerprint is {@code caSha256}. */
    public boolean namesCa(byte[] caSha256) {
        return MessageDigest.isEqual(
                caPart.getBytes(StandardCharsets.US_ASCII), caPartOf(caSha256).getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 of the secret part (of its 12 symbols, uppercase), lowercase hex: what the server stores. */
    public static String secretSha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The whole code, as a person reads and types it: {@code XXXX-XXXX-XXXX-YYYY-YYYY-YYYY}. */
    public String text() {
        String all = secret + caPart;
        StringBuilder out = new StringBuilder(29);
        for (int i = 0; i < all.length(); i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(all, i, i + 4);
        }
        return out.toString();
    }

    /** The code with its secret hidden, for logs. */
    @Override
    public String toString() {
        return "EnrolmentCode[****-****-****-" + text().substring(15) + "]";
    }

    /** The symbols of {@code text}, uppercase with aliases resolved, without dashes and spaces. */
    private static String symbols(String text) {
        requireNonNull(text, "text");
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("enrolment code: " + text.length() + " characters" + EXPECTED);
        }
        StringBuilder symbols = new StringBuilder(2 * PART_SYMBOLS);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == ' ' || c == '\t') {
                continue;
            }
            int value = CrockfordBase32.valueOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("enrolment code: character " + (i + 1)
                        + " is not a code symbol (expected: digits and letters other than U, in groups of four, "
                        + SHAPE + ")");
            }
            symbols.append(CrockfordBase32.ALPHABET.charAt(value));
        }
        return symbols.toString();
    }

    private static boolean isPart(String part) {
        if (part.length() != PART_SYMBOLS) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (CrockfordBase32.ALPHABET.indexOf(part.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
