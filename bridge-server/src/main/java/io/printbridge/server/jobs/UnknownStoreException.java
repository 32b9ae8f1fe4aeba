package io.printbridge.server.jobs;

/** A job names a store the server has never heard of. */
public final class UnknownStoreException extends Exception {
    public UnknownStoreException(String storeId) {
        super("unknown store \"" + storeId + "\" (expected: a store whose agent has connected at least once)");
    }
}
