package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.api.PrinterStatusView;
import io.printbridge.server.api.StoreView;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet as the dashboard shows it, from the services the REST store list uses (the store
 * directory in memory, certificate standing, conflicts), with the job figures of one grouped
 * count over the jobs table.
 */
@Singleton
final class Fleet {

    private final StoreDirectory stores;
    private final CertificateStanding standing;
    private final StoreConflicts conflicts;
    private final DashboardJobRepository jobs;
    private final DashboardConfig config;
    private final Clock clock;

    Fleet(
            StoreDirectory stores,
            CertificateStanding standing,
            StoreConflicts conflicts,
            DashboardJobRepository jobs,
            DashboardConfig config,
            Clock clock) {
        this.stores = requireNonNull(stores, "stores");
        this.standing = requireNonNull(standing, "standing");
        this.conflicts = requireNonNull(conflicts, "conflicts");
        this.jobs = requireNonNull(jobs, "jobs");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Every store, in store id order. */
    List<FleetRow> rows() {
        Instant now = clock.instant();
        Map<String, long[]> figures = figures(now.minus(Duration.ofHours(24)));
        List<FleetRow> rows = new ArrayList<>();
        for (StoreInfo store : stores.all()) {
            rows.add(row(store, figures.getOrDefault(store.storeId(), new long[3]), now));
        }
        return rows;
    }

    Optional<FleetRow> row(String storeId) {
        Instant now = clock.instant();
        return stores.find(storeId)
                .map(store ->
                        row(store, figures(now.minus(Duration.ofHours(24))).getOrDefault(storeId, new long[3]), now));
    }

    List<String> versions() {
        return stores.all().stream()
                .map(StoreInfo::agentVersion)
                .distinct()
                .sorted()
                .toList();
    }

    private FleetRow row(StoreInfo info, long[] figures, Instant now) {
        StoreView store = StoreView.of(
                info,
                standing.revokedBefore(info.storeId()).orElse(null),
                conflicts.of(info.storeId()).orElse(null),
                now);
        return new FleetRow(store, figures[0], figures[1], figures[2], alerts(store, figures, now));
    }

    /** Per store: waiting, finished in 24 h, failed in 24 h. */
    private Map<String, long[]> figures(Instant since) {
        Map<String, long[]> figures = new HashMap<>();
        for (DashboardJobRepository.StateCount count : jobs.counts(since)) {
            long[] f = figures.computeIfAbsent(count.storeId(), k -> new long[3]);
            switch (count.state()) {
                case "QUEUED", "SENT" -> f[0] += count.jobs();
                case "DONE" -> f[1] += count.jobs();
                case "FAILED", "EXPIRED", "UNCERTAIN" -> {
                    f[1] += count.jobs();
                    f[2] += count.jobs();
                }
                default -> {}
            }
        }
        return figures;
    }

    private List<Alert> alerts(StoreView store, long[] figures, Instant now) {
        List<Alert> alerts = new ArrayList<>();
        String id = store.storeId();
        if (store.revokedAt() != null) {
            alerts.add(new Alert(id, Alert.Kind.REVOKED, store.revokedAt().toString()));
        } else if (!store.online()
                && store.lastSeen().plus(config.offlineAlert()).isBefore(now)) {
            alerts.add(new Alert(id, Alert.Kind.OFFLINE, store.lastSeen().toString()));
        }
        for (PrinterStatusView printer : store.printers()) {
            if (printer.status().paperEnd()) {
                alerts.add(new Alert(id, Alert.Kind.PAPER_OUT, printer.name()));
            }
            if (printer.status().coverOpen()) {
                alerts.add(new Alert(id, Alert.Kind.COVER_OPEN, printer.name()));
            }
        }
        if (store.certificate() != null && !"VALID".equals(store.certificate().state())) {
            alerts.add(new Alert(id, Alert.Kind.CERTIFICATE, store.certificate().summary()));
        }
        long finished = figures[1];
        long failed = figures[2];
        if (finished >= 5 && failed * 100 / finished >= config.failureRateAlert()) {
            alerts.add(new Alert(id, Alert.Kind.FAILURES, Long.toString(failed * 100 / finished)));
        }
        if (store.conflicts() != null) {
            alerts.add(new Alert(
                    id, Alert.Kind.CONFLICT, Long.toString(store.conflicts().count())));
        }
        return alerts;
    }
}
