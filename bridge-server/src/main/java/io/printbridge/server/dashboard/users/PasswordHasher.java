package io.printbridge.server.dashboard.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (BouncyCastle), written as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash})
 * so the cost can be raised later without losing the hashes made before: each hash carries its
 * own parameters. The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes): tens of
 * milliseconds per login here, far too slow to try a leaked table's passwords by the billion.
 */
public final class PasswordHasher {

    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKib, int iterations) {
        if (memoryKib < 1024 || iterations < 1) {
            throw new IllegalArgumentException(
                    "argon2id: m=" + memoryKib + ", t=" + iterations + " (expected: at least 1024 KiB and 1 pass)");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
    }

    public static PasswordHasher owaspDefaults() {
        return new PasswordHasher(19 * 1024, 2);
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, 1);
        return PREFIX + "m=" + memoryKib + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for a malformed hash. */
    public boolean matches(String password, String encoded) {
        if (!encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        try {
            for (String setting : parts[0].split(",")) {
                int value = Integer.parseInt(setting.substring(2));
                switch (setting.substring(0, 2)) {
                    case "m=" -> m = value;
                    case "t=" -> t = value;
                    case "p=" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[1]);
            byte[] expected = B64D.decode(parts[2]);
            if (m < 8 || m > 1 << 20 || t < 1 || t > 16 || p < 1 || p > 4 || expected.length < 16) {
                return false; // bounded even if the table was tampered with
            }
            return MessageDigest.isEqual(expected, deriveLength(password, salt, m, t, p, expected.length));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int p) {
        return deriveLength(password, salt, m, t, p, 32);
    }

    private static byte[] deriveLength(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
