package io.printbridge.server.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code store_conflicts}: a live stream of a store replaced by another, with both hosts. */
@MappedEntity("store_conflicts")
public record StoreConflictRow(
        @Id String id,
        String storeId,
        Instant at,
        String replacedHost,
        String replacedPeer,
        String newHost,
        String newPeer) {}
