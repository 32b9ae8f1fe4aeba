package io.printbridge.server.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code stores}: a store known since its agent first connected, with the agent's last
 * Hello (its printers and their capabilities), so invoices render for a store that is offline.
 *
 * @param connectedSince when its current stream opened; null while offline
 * @param hello the agent's Hello message, as protobuf bytes
 * @param certificateExpiresAt when the certificate its agent last connected with expires, if known
 */
@MappedEntity("stores")
public record StoreRow(
        @Id String storeId,
        Instant firstSeen,
        Instant lastSeen,
        @Nullable Instant connectedSince,
        String agentVersion,
        String hostname,
        byte[] hello,
        @Nullable Instant certificateExpiresAt) {}
