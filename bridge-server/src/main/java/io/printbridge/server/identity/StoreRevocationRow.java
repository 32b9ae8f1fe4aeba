package io.printbridge.server.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code store_revocations}: a store whose certificates up to {@code revokedBefore} are
 * refused (a stolen or lost PC); a new enrolment brings it back.
 */
@MappedEntity("store_revocations")
public record StoreRevocationRow(@Id String storeId, Instant revokedBefore, String revokedBy, String reason) {}
