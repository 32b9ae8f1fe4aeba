package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Whether a private key is the one of a certificate: a test signature made with the key and
 * verified with the certificate's public key. Before a server serves a certificate file with a
 * key file (one may be replaced before the other), and before a CA key is kept for a CA.
 */
public final class KeyMatch {

    private static final byte[] PROBE = "printbridge key match".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {}

    /** True when {@code key} signs what {@code publicKey} verifies; false for another key or another algorithm. */
    public static boolean matches(PrivateKey key, PublicKey publicKey) {
        requireNonNull(key, "key");
        requireNonNull(publicKey, "publicKey");
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
