package io.printbridge.server.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/**
 * The certificate a store's agent last connected with, as far as its lifetime goes: a shop closed
 * longer than its certificate lives says "certificate expired on …" rather than just "offline".
 *
 * @param daysLeft whole days until it expires (negative once expired)
 */
@Schema(name = "StoreCertificate")
public record CertificateView(
        Instant expiresAt,
        long daysLeft,

        @Schema(
                type = "string",
                allowableValues = {"VALID", "EXPIRING", "EXPIRED"},
                description = "EXPIRING within " + CertificateView.WARNING_DAYS + " days; EXPIRED: the agent"
                        + " cannot connect until it is enrolled again with a new code.")
        String state,

        @Schema(description = "For people: \"certificate expired on 2026-11-02\", \"expires in 9 days\".")
        String summary) {

    public static final int WARNING_DAYS = 14;

    public static CertificateView of(Instant expiresAt, Instant now) {
        long daysLeft = Duration.between(now, expiresAt).toDays();
        String day = expiresAt.toString().substring(0, 10);
        if (!now.isBefore(expiresAt)) {
            return new CertificateView(expiresAt, daysLeft, "EXPIRED", "certificate expired on " + day);
        }
        String state = daysLeft < WARNING_DAYS ? "EXPIRING" : "VALID";
        return new CertificateView(
                expiresAt, daysLeft, state, "certificate expires in " + daysLeft + " days, on " + day);
    }
}
