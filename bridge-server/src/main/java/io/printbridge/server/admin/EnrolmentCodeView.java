package io.printbridge.server.admin;

import io.printbridge.server.identity.EnrolmentCodeRow;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An enrolment code as IT sees it afterwards: never its secret. */
@Schema(name = "EnrolmentCode", description = "An enrolment code, without its secret.")
public record EnrolmentCodeView(
        @Schema(description = "How to name the code (revoke): the first 16 hex digits of its hash.")
        String id,

        String storeId,

        @Schema(description = "ACTIVE, USED, EXPIRED or REVOKED.")
        String state,

        Instant createdAt,
        String createdBy,
        Instant expiresAt,
        @Nullable Instant usedAt,

        @Schema(description = "The PC that used it, as it named itself.") @Nullable
        String usedByHost,

        @Nullable Instant revokedAt) {

    public static EnrolmentCodeView of(EnrolmentCodeRow row, Instant now) {
        return new EnrolmentCodeView(
                row.id(),
                row.storeId(),
                row.state(now).name(),
                row.createdAt(),
                row.createdBy(),
                row.expiresAt(),
                row.usedAt(),
                row.usedByHost(),
                row.revokedAt());
    }
}
