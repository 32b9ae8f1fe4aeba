package io.printbridge.server.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Printbridge-Signature} of a delivery: {@code sha256=} and the lowercase hex
 * HMAC-SHA256, keyed with the webhook's secret (UTF-8), of {@code "<timestamp>.<body>"}, where
 * timestamp is the {@code X-Printbridge-Timestamp} header (epoch seconds) and body the exact bytes
 * POSTed. Signing the timestamp with the body lets the receiver refuse an old request replayed.
 */
final class WebhookSignature {

    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
    }
}
