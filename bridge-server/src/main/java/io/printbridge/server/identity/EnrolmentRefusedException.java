package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An enrolment or a code operation refused, with why: the message is for the person at the shop
 * (or IT) and never repeats a code's secret. Nothing was issued or changed.
 */
public final class EnrolmentRefusedException extends RuntimeException {

    /** Why; the gRPC and HTTP edges map each to their status once. */
    public enum Reason {
        /** The code's shape, the certificate request, a store id or a validity is wrong. */
        MALFORMED,
        /** No code has that secret (mistyped, or never made). */
        UNKNOWN_CODE,
        /** The code was traded for a certificate already. */
        USED_CODE,
        /** The code's time ran out. */
        EXPIRED_CODE,
        /** IT revoked the code. */
        REVOKED_CODE,
        /** This server holds no issuing CA key. */
        NO_ISSUING_CA
    }

    private final Reason reason;
    private final @Nullable String storeId;

    public EnrolmentRefusedException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** @param storeId the store of the code refused, when it is known (for the audit log) */
    public EnrolmentRefusedException(Reason reason, String message, @Nullable String storeId) {
        super(message);
        this.reason = requireNonNull(reason, "reason");
        this.storeId = storeId;
    }

    public @Nullable String storeId() {
        return storeId;
    }

    public Reason reason() {
        return reason;
    }
}
