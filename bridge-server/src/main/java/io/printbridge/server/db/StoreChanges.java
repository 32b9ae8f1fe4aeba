package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.PrinterStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What changed about one store since its record was last written, folded into the fewest writes
 * that leave the same rows: the latest connection (its Hello replaces the printers), printers'
 * latest statuses, the latest time it was seen, and a disconnection that came after the latest
 * connection. However many heartbeats and status changes arrive, one store is one write.
 * Immutable.
 *
 * @param connected the agent's latest Hello, with when, or null if it did not connect since
 * @param statuses each printer's latest status, with when, after {@code connected}
 * @param seenAt the last time the agent was heard from, or null
 * @param disconnectedAt when its stream ended, after the latest connection, or null
 */
public record StoreChanges(
        String storeId,
        @Nullable Connected connected,
        Map<String, Status> statuses,
        @Nullable Instant seenAt,
        @Nullable Instant disconnectedAt) {

    /** A Hello and when it came. */
    public record Connected(
            Hello hello, Instant at, @Nullable Instant certificateExpiresAt) {}

    /** A printer's status and when it was reported. */
    public record Status(PrinterStatus status, Instant at) {}

    public StoreChanges {
        requireNonNull(storeId, "storeId");
        statuses = Map.copyOf(statuses);
    }

    public static StoreChanges none(String storeId) {
        return new StoreChanges(storeId, null, Map.of(), null, null);
    }

    /** The agent connected: its Hello's printers replace whatever was known, and it is online again. */
    public StoreChanges connected(Hello hello, Instant at, @Nullable Instant certificateExpiresAt) {
        return new StoreChanges(
                storeId, new Connected(hello, at, certificateExpiresAt), Map.of(), latest(seenAt, at), null);
    }

    public StoreChanges seen(Instant at) {
        return new StoreChanges(storeId, connected, statuses, latest(seenAt, at), disconnectedAt);
    }

    public StoreChanges disconnected(Instant at) {
        return new StoreChanges(storeId, connected, statuses, latest(seenAt, at), at);
    }

    public StoreChanges printerStatus(String printer, PrinterStatus status, Instant at) {
        Map<String, Status> more = new LinkedHashMap<>(statuses);
        more.put(printer, new Status(status, at));
        return new StoreChanges(storeId, connected, more, seenAt, disconnectedAt);
    }

    /** These changes followed by {@code later}'s: what is left to write if both are. */
    public StoreChanges then(StoreChanges later) {
        StoreChanges merged = this;
        if (later.connected() != null) {
            merged = merged.connected(
                    later.connected().hello(),
                    later.connected().at(),
                    later.connected().certificateExpiresAt());
        }
        for (Map.Entry<String, Status> status : later.statuses().entrySet()) {
            merged = merged.printerStatus(
                    status.getKey(),
                    status.getValue().status(),
                    status.getValue().at());
        }
        if (later.seenAt() != null) {
            merged = merged.seen(later.seenAt());
        }
        if (later.disconnectedAt() != null) {
            merged = merged.disconnected(later.disconnectedAt());
        }
        return merged;
    }

    /** True when only the time it was last seen changed (worth a write now and then, not every heartbeat). */
    public boolean onlySeen() {
        return connected == null && statuses.isEmpty() && disconnectedAt == null;
    }

    private static Instant latest(@Nullable Instant known, Instant at) {
        return known == null || at.isAfter(known) ? at : known;
    }
}
