package io.printbridge.fleetsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.faults.harness.ErpClient;
import io.printbridge.faults.harness.PlannedJob;
import io.printbridge.faults.harness.ProcessProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * The end of a working day: every shop prints at once. An ERP that sends jobs at a fixed rate
 * whatever the answers do (open loop, {@link OpenLoop}), raw receipts, invoices and drawer opens
 * mixed ({@link PeakMix}), each on a store drawn at random, with an {@code Idempotency-Key} and
 * {@code ?wait=}, as the ERP waits on each print while a cashier waits at the till. Latency runs
 * from each request's planned send time to its final answer, in an HdrHistogram; answers are
 * counted by kind (DONE, refused with 429/503, other status codes, timeouts, connection errors). A
 * job the server accepted must end DONE; one that did not is lost, and the run fails.
 *
 * <p>One cell per rate of the grid, on the same connected fleet; each row of the table is one cell,
 * with both processes' CPU over its recorded part. The client posts without retrying: a refusal is
 * an answer to count, not something to hide.
 */
final class PeakScenario {

    private PeakScenario() {}

    static void run(FleetRun run) throws Exception {
        RunSummary summary = run.summary();
        PeakOptions peak = run.options().peak();
        summary.section(String.format(
                "peak: open loop over %d stores, at most %d requests in flight, mix %s, ?wait=%ds, %s warm-up then %s"
                        + " per rate",
                run.fleet().size(),
                peak.connections(),
                peak.mix(),
                peak.answerWait().toSeconds(),
                RunSummary.seconds(peak.warmUp().toNanos()),
                RunSummary.seconds(peak.duration().toNanos())));
        InFlightLimit http = new InFlightLimit(
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build(),
                peak.connections());
        List<String> rows = new java.util.ArrayList<>();
        for (double rate : peak.rates()) {
            rows.add(new Cell(run, http, rate).run());
        }
        summary.line(
                "| jobs/s | recorded | sent at | p50 | p90 | p99 | p99.9 | max | answers | server CPU | simulator CPU |");
        summary.line("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        rows.forEach(row -> summary.line("%s", row));

        ProcessProbe server = new ProcessProbe(run.server().pid());
        ProcessProbe self = FleetRun.self();
        summary.line(
                "after the peak: server heap after full GC %s, RSS %s, %d threads; simulator heap after GC %s, RSS %s",
                RunSummary.mb(server.heapAfterGc()),
                RunSummary.mb(server.residentBytes()),
                server.threads(),
                RunSummary.mb(FleetRun.simHeapAfterGc()),
                RunSummary.mb(self.residentBytes()));
    }

    /** One rate of the grid: sends, waits for every answer, checks every accepted job's end. */
    private static final class Cell {

        private final FleetRun run;
        private final InFlightLimit http;
        private final double rate;
        private final PeakOptions peak;
        private final ErpClient erp;
        private final PeakJobs jobs = new PeakJobs();
        private final Histogram latency = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(10), 3);
        /** Answers of the recorded part by kind: DONE, refused 429, http 500, timeout... */
        private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        /** Jobs accepted but not answered DONE within the wait: read until final after the cell. */
        private final ConcurrentLinkedQueue<String> toSettle = new ConcurrentLinkedQueue<>();

        Cell(FleetRun run, InFlightLimit http, double rate) {
            this.run = run;
            this.http = http;
            this.rate = rate;
            this.peak = run.options().peak();
            this.erp = run.erp();
        }

        String run() throws Exception {
            RunSummary summary = run.summary();
            summary.line("-- %.0f jobs/s", rate);
            List<String> stores = run.fleet().storeIds();
            Random random = new Random(Double.doubleToLongBits(rate));
            String tag = Long.toString(System.currentTimeMillis(), 36);
            OpenLoop loop = new OpenLoop(rate, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            long warm = loop.count(peak.warmUp());
            long total = warm + loop.count(peak.duration());
            String base = erp.bases().get(0) + "/api/v1/stores/";
            String query = "/jobs?wait=" + peak.answerWait().toSeconds();
            Duration timeout = peak.answerWait().plusSeconds(10);

            CompletableFuture<?>[] sent = new CompletableFuture<?>[(int) (total - warm)];
            CpuWatch cpu = null;
            long latest = 0;
            for (long i = 0; i < total; i++) {
                long planned = loop.plannedNanos(i);
                long early = planned - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                } else {
                    latest = Math.max(latest, -early);
                }
                if (i == warm) {
                    cpu = CpuWatch.start(run.server().pid());
                }
                PlannedJob.Kind kind = peak.mix().draw(random);
                String key = "peak-" + tag + "-" + i;
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create(base + stores.get(random.nextInt(stores.size())) + query))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + erp.token())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(jobs.body(kind, key)))
                        .build();
                boolean recorded = i >= warm;
                CompletableFuture<HttpResponse<String>> answer = http.send(request);
                CompletableFuture<?> counted = answer.handle((response, error) -> {
                    if (recorded) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - planned) / 1000));
                        count(response, error);
                    } else if (response != null) {
                        settleIfNeeded(response);
                    }
                    return null;
                });
                if (recorded) {
                    sent[(int) (i - warm)] = counted;
                }
            }
            long sendingEnded = System.nanoTime();
            CompletableFuture.allOf(sent).get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
            CpuWatch.Totals totals = cpu == null ? new CpuWatch.Totals(0, 0) : cpu.report(summary, 6);
            long sentFor = sendingEnded - loop.plannedNanos(warm);

            int lost = settle();
            summary.line(
                    "%d recorded, sent in %s (%.1f/s), the sender at most %.1f ms behind its plan; answers %s%s",
                    sent.length,
                    RunSummary.seconds(sentFor),
                    sent.length / (sentFor / 1e9),
                    latest / 1e6,
                    new TreeMap<>(answers),
                    lost > 0 ? "; " + lost + " accepted job(s) never DONE" : "");
            summary.line("latency from the planned send to the final answer: %s", Latencies.describe(latency));
            String cell = "%.0f".formatted(rate);
            summary.count("peak." + cell + ".recorded", sent.length);
            answers.forEach((kind, count) -> summary.count("peak." + cell + "." + kind, count.get()));
            summary.count("peak." + cell + ".lost", lost);
            if (lost > 0) {
                summary.failed("peak " + cell + "/s: " + lost + " accepted job(s) never DONE");
            }
            long unexpected = answers.entrySet().stream()
                    .filter(e -> !e.getKey().equals("DONE")
                            && !e.getKey().startsWith("refused")
                            && !e.getKey().startsWith("answered"))
                    .mapToLong(e -> e.getValue().get())
                    .sum();
            if (unexpected > 0) {
                summary.failed(
                        "peak " + cell + "/s: " + unexpected + " answer(s) neither DONE nor a refusal " + answers);
            }
            return String.format(
                    "| %s | %d | %.0f/s | %s | %s | %s | %s | %s | %s | %.0f %% | %.0f %% |",
                    cell,
                    sent.length,
                    sent.length / (sentFor / 1e9),
                    ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(90)),
                    ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)),
                    ms(latency.getMaxValue()),
                    new TreeMap<>(answers).toString().replace("|", "/"),
                    totals.server(),
                    totals.simulator());
        }

        private void count(@Nullable HttpResponse<String> response, @Nullable Throwable error) {
            String kind;
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof HttpConnectTimeoutException) {
                    kind = "connect timeout";
                } else if (cause instanceof HttpTimeoutException) {
                    kind = "timeout";
                } else {
                    kind = "error " + cause.getClass().getSimpleName();
                }
            } else if (response == null) {
                kind = "no answer";
            } else if (response.statusCode() == 429 || response.statusCode() == 503) {
                kind = "refused " + response.statusCode();
            } else if (response.statusCode() != 201 && response.statusCode() != 200) {
                kind = "http " + response.statusCode();
            } else {
                String state = field(response.body(), "state");
                kind = "DONE".equals(state) ? "DONE" : "answered " + state;
                settleIfNeeded(response);
            }
            answers.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        /** An accepted job whose answer was not DONE: its end is read after the cell. */
        private void settleIfNeeded(HttpResponse<String> response) {
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                if (!"DONE".equals(field(response.body(), "state"))) {
                    String id = field(response.body(), "id");
                    if (id != null) {
                        toSettle.add(id);
                    }
                }
            }
        }

        /** Reads each accepted job not answered DONE until it is final: how many did not end DONE. */
        private int settle() throws InterruptedException {
            int lost = 0;
            for (String id : toSettle) {
                ErpClient.JobState state = erp.read(id);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!state.isFinal() && System.nanoTime() - deadline < 0) {
                    Thread.sleep(250);
                    state = erp.read(id);
                }
                if (!"DONE".equals(state.state())) {
                    lost++;
                }
            }
            return lost;
        }

        private static final ObjectMapper JSON = new ObjectMapper();

        /** A text field of the job's JSON answer, or null. */
        private static @Nullable String field(String body, String name) {
            try {
                JsonNode value = JSON.readTree(body).get(name);
                return value == null || value.isNull() ? null : value.asText();
            } catch (IOException e) {
                return null;
            }
        }

        private static String ms(long micros) {
            return String.format("%.1f ms", micros / 1000.0);
        }
    }
}
