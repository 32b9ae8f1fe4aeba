package io.printbridge.fleetsim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The storm: every agent of the fleet dials at the same moment, as after a regional outage or a
 * server restart that lost every connection at once. Measures the time until all are welcomed,
 * the handshakes per second (mean, and the best one-second window), the dials that failed before
 * a Welcome and why, and each stream's time from dial to Welcome.
 */
final class ConnectScenario {

    /** How long a flood ({@code --flood}) runs before the fleet dials. */
    static final Duration FLOOD_HEAD_START = Duration.ofSeconds(5);

    private ConnectScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        Fleet fleet = run.fleet();
        summary.section("connect: " + fleet.size() + " agents dial at once");
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        fleet.counters().dialToWelcomeSinceLastRead();
        CpuWatch cpu = CpuWatch.start(run.server().pid());

        Flooder flood = run.options().flood() > 0
                ? Flooder.start(
                        new InetSocketAddress("127.0.0.1", run.servers().get(0).grpcPort()),
                        run.options().flood())
                : null;
        try {
            storm(run, summary, fleet, before, cpu, flood);
        } finally {
            if (flood != null) {
                flood.close();
            }
        }
    }

    private static void storm(
            FleetRun run,
            RunSummary summary,
            Fleet fleet,
            FleetCounters.Snapshot before,
            CpuWatch cpu,
            @Nullable Flooder flood)
            throws Exception {
        if (flood != null) {
            // The flood is in place before the fleet dials, as an attacker's would be.
            Thread.sleep(FLOOD_HEAD_START.toMillis());
        }
        long start = System.nanoTime();
        fleet.startAll();
        // Welcomes every 100 ms, for the best one-second window afterwards.
        List<Long> welcomes = new ArrayList<>();
        long deadline = start + run.options().connectTimeout().toNanos();
        long nextProgress = start + 10_000_000_000L;
        int connected = 0;
        while (System.nanoTime() - deadline < 0) {
            connected = fleet.connected();
            welcomes.add(fleet.counters().snapshot().minus(before).welcomes());
            if (connected == fleet.size()) {
                break;
            }
            if (System.nanoTime() - nextProgress > 0) {
                FleetCounters.Snapshot so = fleet.counters().snapshot().minus(before);
                summary.line(
                        "  after %s: %d connected, %d dials, %d failed",
                        RunSummary.seconds(System.nanoTime() - start), connected, so.dials(), so.failedDials());
                nextProgress += 10_000_000_000L;
            }
            Thread.sleep(100);
        }
        long took = System.nanoTime() - start;
        FleetCounters.Snapshot during = fleet.counters().snapshot().minus(before);

        if (connected == fleet.size()) {
            summary.line("all %d connected after %s", connected, RunSummary.seconds(took));
        } else {
            summary.failed(String.format(
                    "connect: only %d of %d connected after %s", connected, fleet.size(), RunSummary.seconds(took)));
        }
        summary.line(
                "handshakes (dial to Welcome): %.0f/s on average, %d in the best second",
                during.welcomes() / (took / 1e9), bestSecond(welcomes));
        summary.line(
                "dials %d, failed before a Welcome %d %s",
                during.dials(), during.failedDials(), during.failedDialsByCode());
        if (during.welcomedStreamsEnded() > 0) {
            summary.line("streams welcomed and lost again during the storm: %d", during.welcomedStreamsEnded());
        }
        if (during.failedDials() > 0) {
            summary.line("failed dials by cause: %s", during.failedDialsByCause());
        }
        summary.line("dial to Welcome: %s", Latencies.describe(fleet.counters().dialToWelcomeSinceLastRead()));
        if (flood != null) {
            double refused = ServerMetric.read(
                    run.servers().get(0).httpPort(), "bridge_agents_handshakes_total{outcome=\"address_limit\"}");
            summary.line("%s; the server closed %.0f as they came (its bound per address)", flood.describe(), refused);
            summary.count("connect.floodClosedByAddressBound", (long) refused);
        }
        cpu.report(summary, 8);
        int serverSees = run.erp().connected().size();
        summary.line("the server lists %d stores online (GET /api/v1/stores)", serverSees);
        summary.count("connect.connected", connected);
        summary.count("connect.serverSeesOnline", serverSees);
        summary.count("connect.failedDials", during.failedDials());
    }

    /** The most welcomes in any ten consecutive 100 ms samples. */
    private static long bestSecond(List<Long> cumulative) {
        long best = 0;
        for (int i = 0; i < cumulative.size(); i++) {
            long from = i >= 10 ? cumulative.get(i - 10) : 0;
            best = Math.max(best, cumulative.get(i) - from);
        }
        return best;
    }
}
