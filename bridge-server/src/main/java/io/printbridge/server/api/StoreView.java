package io.printbridge.server.api;

import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A store in JSON: is its agent online, when was it last heard from, how are its printers. */
public record StoreView(
        String storeId,
        boolean online,
        Instant firstSeen,
        Instant lastSeen,
        @Nullable Instant connectedSince,
        String agentVersion,
        String hostname,
        List<PrinterStatusView> printers) {

    static StoreView of(StoreInfo store) {
        return new StoreView(
                store.storeId(),
                store.online(),
                store.firstSeen(),
                store.lastSeen(),
                store.connectedSince(),
                store.agentVersion(),
                store.hostname(),
                store.printers().stream()
                        .map(p -> PrinterStatusView.of(p.printer(), p.status()))
                        .toList());
    }
}
