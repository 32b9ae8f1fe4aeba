package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ErpClient;
import io.printbridge.faults.harness.PlannedJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * A job load across the fleet at a fixed rate through the REST API: each job a short raw receipt
 * for a store drawn at random, posted with its {@code Idempotency-Key} and {@code ?wait=}, so the
 * answer comes when the job is final and its time is the ERP's whole wait (queue, stream, the
 * agent's result, the write). Every job must end DONE.
 */
final class JobsScenario {

    private JobsScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        Fleet fleet = run.fleet();
        FleetOptions options = run.options();
        long total =
                Math.max(1, Math.round(options.jobRate() * options.jobDuration().toMillis() / 1000.0));
        summary.section(String.format(
                "jobs: %d at %.1f/s over %d stores, ?wait=%ds",
                total, options.jobRate(), fleet.size(), options.jobWait().toSeconds()));
        List<String> stores = fleet.storeIds();
        Random random = new Random(15);
        String runTag = Long.toString(System.currentTimeMillis(), 36);
        Histogram latency = new SynchronizedHistogram(3);
        List<CompletableFuture<ErpClient.Submission>> sent = new ArrayList<>();
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        CpuWatch cpu = CpuWatch.start(run.server().pid());

        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / options.jobRate());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String store = stores.get(random.nextInt(stores.size()));
            String key = "fleet-" + runTag + "-" + i;
            String data = Base64.getEncoder()
                    .encodeToString(("\u001b@" + key + "\nfleet simulator\n\n\n").getBytes(StandardCharsets.US_ASCII));
            long posted = System.nanoTime();
            sent.add(run.erp()
                    .submit(new PlannedJob(
                            store,
                            key,
                            PlannedJob.Kind.RAW,
                            VirtualReceipt.PRINTER,
                            false,
                            null,
                            "{\"type\":\"raw\",\"data\":\"" + data + "\"}"))
                    .whenComplete(
                            (answer, error) -> latency.recordValue(Math.max(1, (System.nanoTime() - posted) / 1000))));
        }
        long postedFor = System.nanoTime() - start;
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .get(options.jobWait().toSeconds() + 180, TimeUnit.SECONDS);
        long took = System.nanoTime() - start;
        cpu.report(summary, 8);

        Map<String, Long> states = new TreeMap<>();
        for (CompletableFuture<ErpClient.Submission> future : sent) {
            ErpClient.Submission submission = future.join();
            if (submission.refusal != null) {
                states.merge("refused", 1L, Long::sum);
                continue;
            }
            if (submission.jobIds.isEmpty()) {
                states.merge("unanswered", 1L, Long::sum);
                continue;
            }
            for (String id : submission.jobIds) {
                states.merge(finalState(run.erp(), id, submission.answeredState), 1L, Long::sum);
            }
        }
        FleetCounters.Snapshot during = fleet.counters().snapshot().minus(before);
        summary.line(
                "%d posted in %s (%.1f/s), all answered after %s; states %s",
                sent.size(),
                RunSummary.seconds(postedFor),
                sent.size() / (postedFor / 1e9),
                RunSummary.seconds(took),
                states);
        summary.line("ERP's wait per job (post to final answer): %s", Latencies.describe(latency));
        summary.line(
                "commands answered by the agents %d; streams ended meanwhile %d",
                during.commandsAnswered(), during.welcomedStreamsEnded());
        long done = states.getOrDefault("DONE", 0L);
        if (done != total) {
            summary.failed("jobs: " + done + " of " + total + " DONE " + states);
        }
        summary.count("jobs.posted", sent.size());
        states.forEach((state, count) -> summary.count("jobs." + state, count));
    }

    /** The job's final state: the answer's when the wait saw it end, else read until final (or as it is after 60 s). */
    private static String finalState(ErpClient erp, String id, @Nullable String answered) throws InterruptedException {
        if (answered != null && ErpClient.JobState.isFinal(answered)) {
            return answered;
        }
        return erp.readUntilFinal(id, Duration.ofSeconds(60)).state();
    }
}
