package io.printbridge.server.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code jobs}: a job as stored, payload columns included. */
@MappedEntity("jobs")
record JobRow(
        @Id String id,
        String storeId,
        String type,
        int priority,
        String printer,
        String state,
        int steps,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        @Nullable Instant sentAt,
        boolean acknowledged,
        int deliveries,
        long bytesWritten,
        @Nullable String errorCode,
        @Nullable String errorMessage,
        @Nullable byte[] printerStatus,
        String requestedBy,
        @Nullable String idempotencyKey,
        @Nullable String requestHash,
        @Nullable byte[] printData,
        @Nullable Integer drawerPin,
        @Nullable Integer drawerPulseMs,
        @Nullable String invoiceJson,
        @Nullable byte[] renderPrinter,
        @Nullable Boolean openDrawer,
        @Nullable Instant drawerDeadline,
        @Nullable String drawerOutcome) {}
