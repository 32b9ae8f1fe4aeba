package io.printbridge.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature scheme against values computed independently, with Python's hmac module. */
class WebhookSignatureTest {

    static final String SECRET = "whsec-0123456789abcdef";
    static final byte[] BODY = "{\"id\":\"a1f9\",\"state\":\"DONE\"}".getBytes(StandardCharsets.UTF_8);

    // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec-0123456789abcdef",
    //     b"1764000000." + b"{\"id\":\"a1f9\",\"state\":\"DONE\"}", hashlib.sha256).hexdigest())'
    static final String EXPECTED = "sha256=2cddae6a59656565fc925161096054a525fe11fe5e5bdff9164736fe03568121";

    @Test
    void signatureIsTheHexHmacOfTimestampDotBody() {
        assertThat(WebhookSignature.sign(SECRET, 1_764_000_000L, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void tamperedBodyNoLongerMatchesTheSignature() {
        byte[] tampered = "{\"id\":\"a1f9\",\"state\":\"FAILED\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign(SECRET, 1_764_000_000L, tampered)).isNotEqualTo(EXPECTED);
    }

    @Test
    void anotherTimestampGivesAnotherSignature() {
        assertThat(WebhookSignature.sign(SECRET, 1_764_000_001L, BODY)).isNotEqualTo(EXPECTED);
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        assertThat(WebhookSignature.sign(SECRET + "x", 1_764_000_000L, BODY)).isNotEqualTo(EXPECTED);
    }
}
