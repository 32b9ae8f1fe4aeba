package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ServerProcess;

/**
 * The server stopped under the connected fleet and started again on the same data: with SIGTERM
 * (its graceful shutdown, which tells every agent when to come back) or SIGKILL (nothing said, the
 * connections cut). Measures how long the server took to stop and to answer {@code /health}
 * again, the time from the signal until every agent holds a new welcomed stream, and the dials
 * that failed meanwhile.
 */
final class RestartScenario {

    enum Stop {
        /** The graceful shutdown: Disconnect(SERVER_SHUTDOWN) to every stream, then exit. */
        SIGTERM,
        /** The crash: no word to anyone. */
        SIGKILL
    }

    private RestartScenario() {}

    static void run(FleetRun run, Stop stop) throws Exception {
        RunSummary summary = run.summary();
        Fleet fleet = run.fleet();
        String name = stop == Stop.SIGTERM ? "restart-term" : "restart-kill";
        summary.section(name + ": " + stop + " to the server under " + fleet.connected() + " streams, then a start");
        ServerProcess server = run.server();
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        fleet.counters().dialToWelcomeSinceLastRead();

        long signalled = System.nanoTime();
        if (stop == Stop.SIGTERM) {
            server.terminate();
        } else {
            server.kill();
        }
        long exited = System.nanoTime();
        server.start();
        long healthy = System.nanoTime();
        CpuWatch cpu = CpuWatch.start(server.pid());
        int back = run.awaitConnected(
                () -> fleet.connectedSince(signalled), signalled, run.options().connectTimeout());
        long allBack = System.nanoTime();
        FleetCounters.Snapshot during = fleet.counters().snapshot().minus(before);

        summary.line(
                "the server exited %s after the signal and answered /health %s after it",
                RunSummary.seconds(exited - signalled), RunSummary.seconds(healthy - signalled));
        if (back == fleet.size()) {
            summary.line(
                    "all %d back %s after the signal (%s after /health)",
                    back, RunSummary.seconds(allBack - signalled), RunSummary.seconds(allBack - healthy));
        } else {
            summary.failed(String.format(
                    "%s: only %d of %d back %s after the signal",
                    name, back, fleet.size(), RunSummary.seconds(allBack - signalled)));
        }
        summary.line(
                "Disconnects received %d; dials %d, failed before a Welcome %d %s",
                during.disconnectsAsked(), during.dials(), during.failedDials(), during.failedDialsByCode());
        if (during.failedDials() > 0) {
            summary.line("failed dials by cause: %s", during.failedDialsByCause());
        }
        summary.line("dial to Welcome: %s", Latencies.describe(fleet.counters().dialToWelcomeSinceLastRead()));
        // The new process's own counters: every handshake it completed, and those resumed from a ticket.
        double completed =
                ServerMetric.read(server.httpPort(), "bridge_agents_handshakes_total{outcome=\"completed\"}");
        double resumed = ServerMetric.read(server.httpPort(), "bridge_agents_handshakes_resumed_total");
        summary.line(
                "handshakes completed by the new server %.0f, of which resumed from a TLS session ticket %.0f",
                completed, resumed);
        summary.count(name + ".resumedHandshakes", (long) resumed);
        // Where a late agent may have waited: the port not accepting (the kernel holding its dial),
        // or the handshake queue's deadline.
        double pauses = ServerMetric.read(server.httpPort(), "bridge_agents_handshakes_accept_pauses_total");
        double expired = ServerMetric.read(server.httpPort(), "bridge_agents_handshakes_total{outcome=\"expired\"}");
        summary.line(
                "the new server stopped accepting %.0f time(s) (handshake slots and queue full); %.0f connection(s)"
                        + " waited past the queue's deadline",
                pauses, expired);
        summary.line("from /health until all back:");
        cpu.report(summary, 8);
        int serverSees = run.erp().connected().size();
        summary.line("the server lists %d stores online (GET /api/v1/stores)", serverSees);
        summary.count(name + ".back", back);
        summary.count(name + ".serverSeesOnline", serverSees);
        summary.count(name + ".failedDials", during.failedDials());
    }
}
