package io.printbridge.server.api;

import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import io.swagger.v3.oas.annotations.media.Schema;
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
        List<PrinterStatusView> printers,

        @Schema(description = "The certificate its agent last connected with; absent when not known.") @Nullable
        CertificateView certificate,

        @Schema(description = "When IT revoked the store: its certificates until then are refused; absent if never.")
        @Nullable
        Instant revokedAt,

        @Schema(
                description = "Other PCs that connected with this store's certificate while one was connected"
                        + " (a copied or stolen certificate); absent if none.")
        @Nullable
        ConflictsView conflicts) {

    /** Another PC with the store's certificate: how often, and the latest time, with both hosts. */
    @Schema(name = "StoreConflicts")
    public record ConflictsView(
            long count, Instant latestAt, String replacedHost, String replacedPeer, String newHost, String newPeer) {

        static ConflictsView of(StoreConflicts.Summary summary) {
            StoreConflicts.Conflict latest = summary.latest();
            return new ConflictsView(
                    summary.count(),
                    latest.at(),
                    latest.replacedHost(),
                    latest.replacedPeer(),
                    latest.newHost(),
                    latest.newPeer());
        }
    }

    public static StoreView of(
            StoreInfo store, @Nullable Instant revokedAt, StoreConflicts.@Nullable Summary conflicts, Instant now) {
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
                        .toList(),
                store.certificateExpiresAt() == null ? null : CertificateView.of(store.certificateExpiresAt(), now),
                revokedAt,
                conflicts == null ? null : ConflictsView.of(conflicts));
    }
}
