package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ProcessProbe;

/**
 * The connected fleet left alone: only heartbeats and HTTP/2 pings. Measures what holding the
 * streams costs the server: CPU by thread group over the idle stretch, then its heap after a full
 * collection (less the heap it had before any stream, per stream), resident memory, threads and
 * file descriptors; and the same for the simulator, so that its share of the machine is known.
 */
final class IdleScenario {

    private IdleScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        Fleet fleet = run.fleet();
        summary.section("idle: " + fleet.connected() + " streams held for "
                + RunSummary.seconds(run.options().idle().toNanos()));
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        CpuWatch cpu = CpuWatch.start(run.server().pid());
        Thread.sleep(run.options().idle().toMillis());
        cpu.report(summary, 12);
        FleetCounters.Snapshot during = fleet.counters().snapshot().minus(before);

        // After the CPU: the full collections asked for here would show in it.
        ProcessProbe server = new ProcessProbe(run.server().pid());
        long heap = server.heapAfterGc();
        int streams = fleet.connected();
        summary.line(
                "server heap after full GC %s (%s before any stream: %.1f KB per stream), RSS %s, %d threads, %d fds",
                RunSummary.mb(heap),
                RunSummary.mb(run.serverHeapBeforeFleet()),
                (heap - run.serverHeapBeforeFleet()) / 1024.0 / Math.max(1, streams),
                RunSummary.mb(server.residentBytes()),
                server.threads(),
                server.fileDescriptors());
        long simHeap = FleetRun.simHeapAfterGc();
        ProcessProbe self = FleetRun.self();
        summary.line(
                "simulator heap after GC %s (%.1f KB per agent), RSS %s, %d threads, %d fds",
                RunSummary.mb(simHeap),
                (simHeap - run.simHeapBeforeFleet()) / 1024.0 / fleet.size(),
                RunSummary.mb(self.residentBytes()),
                self.threads(),
                self.fileDescriptors());
        summary.line(
                "streams that ended while idle: %d; dials %d (failed %d)",
                during.welcomedStreamsEnded(), during.dials(), during.failedDials());
        if (streams != fleet.size()) {
            summary.failed("idle: " + streams + " of " + fleet.size() + " connected at the end");
        }
        summary.count("idle.connected", streams);
        summary.count("idle.streamsEnded", during.welcomedStreamsEnded());
    }
}
