package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.api.CertificateView;
import io.printbridge.server.api.JobRefusals;
import io.printbridge.server.api.StoreView;
import io.printbridge.server.grpc.AgentConnectionBudget;
import io.printbridge.server.http.RestConnectionLimit;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.stores.StoreDirectory.PrinterInfo;
import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import io.printbridge.server.stores.StorePage;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The fleet as the dashboard shows it, from the services the REST store list uses (the store
 * directory in memory, its paged listing, certificate standing, conflicts), with job figures from
 * two grouped counts over the jobs table.
 *
 * <p>What it costs stays flat as the fleet grows: rows (views, job figures) are built for one page
 * only, the same keyset page as {@code GET /api/v1/stores}. The alerts and versions are of the
 * whole fleet and are read from the directory's records directly, a few comparisons per store; the
 * failure alerts come from a count that answers only the stores in alert.
 */
@Singleton
final class Fleet {

    /** Rows on one page: enough to scan by eye, small enough to render at every live update. */
    static final int PAGE_SIZE = 100;

    /** A store with fewer jobs ended in 24 h than this is never a failure-rate alert. */
    private static final int MIN_FINISHED_FOR_ALERT = 5;

    private final StoreDirectory stores;
    private final CertificateStanding standing;
    private final StoreConflicts conflicts;
    private final DashboardJobRepository jobs;
    private final DashboardConfig config;
    private final JobRefusals refusals;
    /** The agents' port's bound; absent where no agents' port runs (the command line's context). */
    private final Optional<AgentConnectionBudget> agentPort;
    /** The REST port's bound; absent where no REST port runs. */
    private final Optional<RestConnectionLimit> restPort;

    private final Clock clock;

    Fleet(
            StoreDirectory stores,
            CertificateStanding standing,
            StoreConflicts conflicts,
            DashboardJobRepository jobs,
            DashboardConfig config,
            JobRefusals refusals,
            Optional<AgentConnectionBudget> agentPort,
            Optional<RestConnectionLimit> restPort,
            Clock clock) {
        this.stores = requireNonNull(stores, "stores");
        this.standing = requireNonNull(standing, "standing");
        this.conflicts = requireNonNull(conflicts, "conflicts");
        this.jobs = requireNonNull(jobs, "jobs");
        this.config = requireNonNull(config, "config");
        this.refusals = requireNonNull(refusals, "refusals");
        this.agentPort = requireNonNull(agentPort, "agentPort");
        this.restPort = requireNonNull(restPort, "restPort");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The page of {@code query}, with the fleet's alerts and versions. */
    FleetView view(FleetQuery query) {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofHours(24));
        StorePage page =
                stores.page(query.filter(now), null, query.after().isEmpty() ? null : query.after(), PAGE_SIZE);
        List<String> ids = page.stores().stream().map(StoreInfo::storeId).toList();
        Map<String, long[]> figures = ids.isEmpty() ? Map.of() : figures(jobs.counts(ids, since));
        List<FleetRow> rows = new ArrayList<>(page.stores().size());
        for (StoreInfo store : page.stores()) {
            rows.add(row(store, figures.getOrDefault(store.storeId(), new long[3]), now));
        }

        Map<String, DashboardJobRepository.FailureCount> failing = new HashMap<>();
        for (DashboardJobRepository.FailureCount count :
                jobs.failing(since, MIN_FINISHED_FOR_ALERT, config.failureRateAlert())) {
            failing.put(count.storeId(), count);
        }
        List<Alert> alerts = new ArrayList<>();
        TreeSet<String> versions = new TreeSet<>();
        int fleetSize = 0;
        for (StoreInfo store : stores.view()) {
            fleetSize++;
            versions.add(store.agentVersion());
            DashboardJobRepository.FailureCount failures = failing.get(store.storeId());
            alerts(
                    alerts,
                    store,
                    failures == null ? 0 : failures.finished(),
                    failures == null ? 0 : failures.failed(),
                    now);
        }
        return new FleetView(
                rows,
                page.next(),
                page.total(),
                fleetSize,
                alerts,
                List.copyOf(versions),
                refusals.overloadRefusalsInLastMinute(),
                agentPort
                        .filter(AgentConnectionBudget::full)
                        .map(AgentConnectionBudget::maxConnections)
                        .orElse(0),
                restPort.filter(port -> port.refusedWithin(Duration.ofMinutes(1)))
                        .map(RestConnectionLimit::maxConnections)
                        .orElse(0));
    }

    Optional<FleetRow> row(String storeId) {
        Instant now = clock.instant();
        return stores.find(storeId)
                .map(store -> row(
                        store,
                        figures(jobs.counts(List.of(storeId), now.minus(Duration.ofHours(24))))
                                .getOrDefault(storeId, new long[3]),
                        now));
    }

    private FleetRow row(StoreInfo info, long[] figures, Instant now) {
        StoreView store = StoreView.of(
                info,
                standing.revokedBefore(info.storeId()).orElse(null),
                conflicts.of(info.storeId()).orElse(null),
                now);
        List<Alert> alerts = new ArrayList<>();
        alerts(alerts, info, figures[1], figures[2], now);
        return new FleetRow(store, figures[0], figures[1], figures[2], alerts);
    }

    /** Per store: waiting, finished in 24 h, failed in 24 h. */
    private static Map<String, long[]> figures(List<DashboardJobRepository.StateCount> counts) {
        Map<String, long[]> figures = new HashMap<>();
        for (DashboardJobRepository.StateCount count : counts) {
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

    /**
     * Adds {@code store}'s alerts to {@code alerts}, from its record: run for every store of the
     * fleet at each render, so it builds nothing for a store without an alert.
     */
    private void alerts(List<Alert> alerts, StoreInfo store, long finished, long failed, Instant now) {
        String id = store.storeId();
        @Nullable Instant revokedAt = standing.revokedBefore(id).orElse(null);
        if (revokedAt != null) {
            alerts.add(new Alert(id, Alert.Kind.REVOKED, revokedAt.toString()));
        } else if (!store.online()
                && store.lastSeen().plus(config.offlineAlert()).isBefore(now)) {
            alerts.add(new Alert(id, Alert.Kind.OFFLINE, store.lastSeen().toString()));
        }
        for (PrinterInfo printer : store.printers()) {
            if (printer.status().getPaperEnd()) {
                alerts.add(new Alert(id, Alert.Kind.PAPER_OUT, printer.printer().getName()));
            }
            if (printer.status().getCoverOpen()) {
                alerts.add(
                        new Alert(id, Alert.Kind.COVER_OPEN, printer.printer().getName()));
            }
        }
        Instant expires = store.certificateExpiresAt();
        if (expires != null && expires.isBefore(now.plus(Duration.ofDays(CertificateView.WARNING_DAYS)))) {
            CertificateView certificate = CertificateView.of(expires, now);
            if (!"VALID".equals(certificate.state())) {
                alerts.add(new Alert(id, Alert.Kind.CERTIFICATE, certificate.summary()));
            }
        }
        if (finished >= MIN_FINISHED_FOR_ALERT && failed * 100 / finished >= config.failureRateAlert()) {
            alerts.add(new Alert(id, Alert.Kind.FAILURES, Long.toString(failed * 100 / finished)));
        }
        conflicts
                .of(id)
                .ifPresent(summary -> alerts.add(new Alert(id, Alert.Kind.CONFLICT, Long.toString(summary.count()))));
    }
}
