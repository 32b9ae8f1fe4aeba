package io.printbridge.faults.harness;

import org.jspecify.annotations.Nullable;

/**
 * A job the ERP will ask for: its store, its idempotency key (which is also the marker printed on
 * its paper, so the paper says which job it is), and the JSON body sent on every attempt.
 *
 * @param pulseMs for a drawer job, the pulse it asks for: each drawer job of a printer asks for
 *     another length, so a pulse on the printer tells which job it was
 */
public record PlannedJob(
        String store,
        String key,
        Kind kind,
        String printer,
        boolean openDrawer,
        @Nullable Integer pulseMs,
        String body) {

    public enum Kind {
        INVOICE,
        RAW,
        DRAWER
    }
}
