package io.printbridge.server.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SHA-256 of what a job request asks for: which store, and the body in its canonical form
 * ({@link CanonicalJson}), so the same JSON with its keys in another order or other whitespace
 * is the same request.
 */
final class RequestHash {

    private RequestHash() {}

    static String of(String storeId, JsonNode body) {
        return Sha256.hex(storeId, CanonicalJson.of(body));
    }
}
