package io.printbridge.server.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code store_certificates}: an agent certificate the server issued.
 *
 * @param serial the certificate's serial number in lowercase hex
 * @param issuedBy {@code ENROLMENT} or {@code RENEWAL}
 * @param caFingerprint SHA-256 of the issuing CA's certificate, lowercase hex
 */
@MappedEntity("store_certificates")
public record StoreCertificateRow(
        @Id String serial,
        String storeId,
        Instant notBefore,
        Instant notAfter,
        Instant issuedAt,
        String issuedBy,
        String caFingerprint,
        String hostname,
        @Nullable Instant firstSeenAt,
        @Nullable Instant retiredAt,
        @Nullable Instant revokedAt) {}
