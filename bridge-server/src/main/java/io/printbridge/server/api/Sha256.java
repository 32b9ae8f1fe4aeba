package io.printbridge.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lowercase hex SHA-256 of UTF-8 text: how tokens are stored and requests are told apart. */
final class Sha256 {

    private Sha256() {}

    /** The digest of the parts, each followed by a newline so ("ab","c") and ("a","bc") differ. */
    static String hex(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < parts.length; i++) {
                digest.update(parts[i].getBytes(StandardCharsets.UTF_8));
                if (i < parts.length - 1) {
                    digest.update((byte) '\n');
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
