package io.printbridge.server.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code certificate_authorities}: a store CA the servers know.
 *
 * @param fingerprint SHA-256 of the CA's certificate, lowercase hex
 * @param certificate the CA's certificate, PEM
 * @param state {@link CaState}'s name
 */
@MappedEntity("certificate_authorities")
public record StoreCaRow(
        @Id String fingerprint,
        String certificate,
        String subject,
        Instant notAfter,
        String state,
        Instant addedAt,
        String addedBy,
        @Nullable Instant issuingSince,
        @Nullable Instant retiredAt,
        @Nullable String retiredBy) {}
