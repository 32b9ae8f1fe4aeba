package io.printbridge.server.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code enrolment_codes}: a one-time code IT made for a store. Only the SHA-256 of its
 * secret part is kept.
 *
 * @param createdBy who made it (an admin token's name, or {@code cli:<user>})
 * @param usedByHost the PC that traded it for a certificate, as it named itself
 */
@MappedEntity("enrolment_codes")
public record EnrolmentCodeRow(
        @Id String codeSha256,
        String storeId,
        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        @Nullable Instant usedAt,
        @Nullable String usedByHost,
        @Nullable Instant revokedAt) {

    /** Where a code stands. */
    public enum State {
        /** May be used, once. */
        ACTIVE,
        /** Traded for a certificate. */
        USED,
        /** Not used in time. */
        EXPIRED,
        /** Revoked by IT before it was used. */
        REVOKED
    }

    /** How IT names a code without its secret: the first 16 hex digits of its hash. */
    public String id() {
        return codeSha256.substring(0, EnrolmentCodes.ID_LENGTH);
    }

    public State state(Instant now) {
        if (usedAt != null) {
            return State.USED;
        }
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt.isAfter(now) ? State.ACTIVE : State.EXPIRED;
    }
}
