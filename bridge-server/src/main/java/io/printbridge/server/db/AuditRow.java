package io.printbridge.server.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code audit_log}: who (which API client, or the command line) asked for what, and when. */
@MappedEntity("audit_log")
public record AuditRow(
        @Id String id,
        Instant at,
        String client,
        String action,
        @Nullable String storeId,
        @Nullable String jobId,
        String detail) {}
