package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ServerProcess;

/**
 * One replica of several killed under the fleet: its agents must find the others (a dial that
 * fails moves to the next address of the list, as behind a load balancer). Runs with
 * {@code --replicas 2} or more on PostgreSQL, the servers sharing the fleet ({@code
 * bridge.cluster.enabled}).
 */
final class ReplicaFailScenario {

    private ReplicaFailScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        Fleet fleet = run.fleet();
        if (run.servers().size() < 2) {
            summary.section("replica-fail: not run");
            summary.line("needs --replicas 2 or more (with --database postgres): this run has one server");
            return;
        }
        ServerProcess victim = run.server();
        summary.section("replica-fail: SIGKILL to one of " + run.servers().size() + " servers under "
                + fleet.connected() + " streams");
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        long signalled = System.nanoTime();
        victim.kill();
        // The first server is the one killed: back means welcomed by another one.
        int back = run.awaitConnected(
                () -> fleet.connectedAvoiding(0), signalled, run.options().connectTimeout());
        long took = System.nanoTime() - signalled;
        FleetCounters.Snapshot during = fleet.counters().snapshot().minus(before);
        summary.line(
                "%d of %d connected %s after the kill; streams ended %d, dials %d, failed %d %s",
                back,
                fleet.size(),
                RunSummary.seconds(took),
                during.welcomedStreamsEnded(),
                during.dials(),
                during.failedDials(),
                during.failedDialsByCode());
        if (back != fleet.size()) {
            summary.failed("replica-fail: only " + back + " of " + fleet.size() + " connected again");
        }
        summary.count("replica-fail.back", back);
        victim.start();
    }
}
