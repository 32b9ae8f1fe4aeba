package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ServerProcess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stop at peak: the server is sent SIGTERM half way through a peak cell (the first rate of the
 * grid), with the open-loop ERP still sending, and started again on the same data. The server must
 * drain in order (refuse new jobs clearly, let its writers commit, tell the agents when to come
 * back, and only then close its database), so that:
 *
 * <ul>
 *   <li>every job answered DONE is still DONE on disk after the start (read back one by one);
 *   <li>every job taken, or that may have been taken (the connection cut mid-request), ends DONE:
 *       read until final, or posted again under its key as a careful ERP would;
 *   <li>every answer is DONE, late, a refusal, or the connection cut by the stop; nothing else
 *       (a 500, a 4xx) is allowed.
 * </ul>
 */
final class PeakStopScenario {

    private PeakStopScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        PeakOptions peak = run.options().peak();
        double rate = peak.rates().get(0);
        String name = "peak-stop." + PeakScenario.rateText(rate);
        summary.section(String.format(
                "peak-stop: SIGTERM to the server half way through %s recorded at %s jobs/s over %d stores, then a"
                        + " start",
                RunSummary.seconds(peak.duration().toNanos()),
                PeakScenario.rateText(rate),
                run.fleet().size()));
        ServerProcess server = run.server();
        AtomicLong stopNanos = new AtomicLong();
        AtomicLong startNanos = new AtomicLong();
        PeakCell.Result cell;
        try (ErpHttp http = PeakScenario.erpConnections(run)) {
            cell = new PeakCell(run, http, rate, () -> {
                        try {
                            long signalled = System.nanoTime();
                            server.terminate();
                            stopNanos.set(System.nanoTime() - signalled);
                            server.start();
                            startNanos.set(System.nanoTime() - signalled);
                        } catch (Exception e) {
                            throw new IllegalStateException("stopping and starting the server at peak: " + e, e);
                        }
                    })
                    .run();
        }

        summary.line(
                "the server exited %s after SIGTERM and answered /health %s after it",
                RunSummary.seconds(stopNanos.get()), RunSummary.seconds(startNanos.get()));
        summary.line(
                "%d recorded; answers %s; warm-up %d, answers %s",
                cell.recorded(),
                cell.answers().counts(),
                cell.warmUpSent(),
                cell.warmUpAnswers().counts());
        summary.line("latency from the planned send to the answer: %s", Latencies.describe(cell.latency()));
        summary.line(
                "%d request(s) posted again under their key to learn their job's end; %d job(s) taken and never DONE;"
                        + " %d job(s) answered DONE and not DONE on disk after the start",
                cell.resolved(), cell.lost(), cell.doneNotOnDisk());
        summary.count(name + ".recorded", cell.recorded());
        cell.answers().counts().forEach((kind, count) -> summary.count(name + ".answer." + kind, count));
        summary.count(name + ".lost", cell.lost());
        summary.count(name + ".doneNotOnDisk", cell.doneNotOnDisk());
        summary.count(name + ".serverStarts", server.starts());
        if (cell.lost() > 0) {
            summary.failed("peak-stop: " + cell.lost() + " job(s) taken and never DONE");
        }
        if (cell.doneNotOnDisk() > 0) {
            summary.failed("peak-stop: " + cell.doneNotOnDisk() + " job(s) answered DONE and not DONE after the start");
        }
        long unexpected = unexpected(cell.answers()) + unexpected(cell.warmUpAnswers());
        if (unexpected > 0) {
            summary.failed("peak-stop: " + unexpected + " answer(s) neither DONE, late, a refusal nor a cut connection "
                    + cell.answers().counts());
        }
    }

    /** Answers a stop may not give: anything but DONE, late, a refusal or a connection the stop cut. */
    private static long unexpected(PeakAnswers answers) {
        return answers.count(kind -> PeakAnswers.isError(kind)
                && !kind.startsWith("refused ")
                && !kind.startsWith("connection ")
                && !kind.startsWith("no connection "));
    }
}
