package io.printbridge.fleetsim;

import java.io.IOException;

/**
 * The CPU of the server and of this simulator over one stretch of a scenario, side by side: on a
 * shared machine the simulator's own share says how far the server's figures can be trusted.
 */
final class CpuWatch {

    private final long serverPid;
    private final ThreadCpu.Sample serverStart;
    private final ThreadCpu.Sample simStart;

    private CpuWatch(long serverPid) throws IOException {
        this.serverPid = serverPid;
        this.serverStart = ThreadCpu.of(serverPid);
        this.simStart = ThreadCpu.of(ProcessHandle.current().pid());
    }

    static CpuWatch start(long serverPid) throws IOException {
        return new CpuWatch(serverPid);
    }

    /** The two processes' CPU since the start, in percent of one core. */
    record Totals(double server, double simulator) {}

    /**
     * Writes the two lines: totals in percent of one core, and the busiest thread groups.
     *
     * @return the totals written
     */
    Totals report(RunSummary summary, int groups) throws IOException {
        ThreadCpu.Sample serverEnd = ThreadCpu.of(serverPid);
        ThreadCpu.Sample simEnd = ThreadCpu.of(ProcessHandle.current().pid());
        summary.line(
                "server CPU %.1f%% of one core: %s",
                serverEnd.totalPercentSince(serverStart),
                ThreadCpu.describe(serverEnd.percentSince(serverStart), groups));
        summary.line(
                "simulator CPU %.1f%% of one core: %s",
                simEnd.totalPercentSince(simStart), ThreadCpu.describe(simEnd.percentSince(simStart), groups));
        return new Totals(serverEnd.totalPercentSince(serverStart), simEnd.totalPercentSince(simStart));
    }
}
