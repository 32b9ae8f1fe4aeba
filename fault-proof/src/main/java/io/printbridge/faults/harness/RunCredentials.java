package io.printbridge.faults.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What a run hands the server it starts: a throwaway ERP token (the server is given only its
 * SHA-256, as the configuration holds it) and free ports.
 */
public record RunCredentials(String token, String tokenSha256) {

    public static RunCredentials fresh() {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            return new RunCredentials(
                    token,
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
