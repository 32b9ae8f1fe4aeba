package io.printbridge.server.admin;

import static java.util.Objects.requireNonNull;

/** A token request that cannot be done as asked; the message names the value and what was expected. */
public final class TokenRefusedException extends RuntimeException {

    /** Why, so the API can answer the matching status and the command line its exit status. */
    public enum Reason {
        /** A name, store list or scope that is not valid. */
        INVALID,
        /** The name is already used by a token (active or revoked, in the database or the configuration). */
        NAME_TAKEN,
        /** No active token of that name in the database. */
        UNKNOWN
    }

    private final Reason reason;

    public TokenRefusedException(Reason reason, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
