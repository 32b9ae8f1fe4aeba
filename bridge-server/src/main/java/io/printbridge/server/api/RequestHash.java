package io.printbridge.server.api;

/** SHA-256 of what a job request asks for: which store, and the body's canonical JSON. */
final class RequestHash {

    private RequestHash() {}

    static String of(String storeId, String canonicalBody) {
        return Sha256.hex(storeId, canonicalBody);
    }
}
