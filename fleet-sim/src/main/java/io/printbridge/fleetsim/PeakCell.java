package io.printbridge.fleetsim;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.faults.harness.ErpClient;
import io.printbridge.faults.harness.PlannedJob;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jspecify.annotations.Nullable;

/**
 * One rate of the peak grid: a warm-up at that rate (sent and checked, not timed), then the
 * recorded stretch, sent on the {@link OpenLoop} schedule by one thread that never waits for an
 * answer ({@link ErpHttp}: at most {@code --peak-connections} in flight, the rest wait their
 * turn in order, their wait part of their latency; the answers are counted on the HTTP client's
 * threads). Latency runs
 * from each request's planned send time to its answer. After the last answer, every job that was
 * taken but not answered DONE is read until final, and every request that may have made a job
 * nobody was told of (a timeout, a broken connection, a 5xx) is posted again under its key to
 * learn how that job ended: a job that did not end DONE is lost.
 */
final class PeakCell {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a job taken but not answered DONE is read for until it is final. */
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);

    /** What a cell found, for the grid's table and the run's counts. */
    record Result(
            double rate,
            long warmUpSent,
            long recorded,
            double sentPerSecond,
            double senderBehindMs,
            Histogram latency,
            Histogram clientWait,
            Map<PlannedJob.Kind, Histogram> latencyByKind,
            PeakAnswers answers,
            PeakAnswers warmUpAnswers,
            int resolved,
            int lost,
            int doneNotOnDisk,
            CpuWatch.Totals cpu) {}

    /** A request sent again after the cell, under its key, with the body of its first send. */
    private record Unresolved(String store, String key, PlannedJob.Kind kind, String body) {}

    private final FleetRun run;
    private final ErpHttp http;
    private final double rate;
    private final PeakOptions peak;
    private final ErpClient erp;
    private final PeakJobs jobs = new PeakJobs();
    private final Histogram latency = histogram();
    /**
     * Of each answered request's latency, the part before it was sent: waiting in the simulated ERP
     * for one of its connections (past the server's rate the queue is there, where the server can
     * neither see nor refuse it).
     */
    private final Histogram clientWait = histogram();
    /** The same latencies by kind of job: an invoice is laid out by the server, a raw receipt is not. */
    private final Map<PlannedJob.Kind, Histogram> latencyByKind = new EnumMap<>(PlannedJob.Kind.class);

    private final PeakAnswers answers = new PeakAnswers();
    private final PeakAnswers warmUpAnswers = new PeakAnswers();
    /** Jobs taken but not answered DONE within the wait: read until final after the cell. */
    private final ConcurrentLinkedQueue<String> toSettle = new ConcurrentLinkedQueue<>();
    /** Requests whose job may exist unseen: posted again under their key after the cell. */
    private final ConcurrentLinkedQueue<Unresolved> toResolve = new ConcurrentLinkedQueue<>();

    /** Run on its own thread half way through the recorded stretch (a stop of the server), or null. */
    private final @Nullable Runnable midway;
    /** With {@link #midway}: the jobs answered DONE, read back after it to find them DONE on disk. */
    private final ConcurrentLinkedQueue<String> answeredDone = new ConcurrentLinkedQueue<>();

    PeakCell(FleetRun run, ErpHttp http, double rate) {
        this(run, http, rate, null);
    }

    /**
     * A cell with {@code midway} run half way through its recorded stretch, on its own thread, while
     * the requests keep going out on their plan; the server's CPU is not measured (its process may
     * change).
     */
    PeakCell(FleetRun run, ErpHttp http, double rate, @Nullable Runnable midway) {
        this.midway = midway;
        this.run = run;
        this.http = http;
        this.rate = rate;
        this.peak = run.options().peak();
        this.erp = run.erp();
        for (PlannedJob.Kind kind : PlannedJob.Kind.values()) {
            latencyByKind.put(kind, histogram());
        }
    }

    /** Microseconds up to ten minutes, three significant digits. */
    private static Histogram histogram() {
        return new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    Result run() throws Exception {
        List<String> stores = run.fleet().storeIds();
        Random random = new Random(Double.doubleToLongBits(rate));
        String tag = Long.toString(System.currentTimeMillis(), 36);
        // The first request 100 ms from now: the loop starts on its plan, not behind it.
        OpenLoop loop = new OpenLoop(rate, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
        long warm = loop.count(peak.warmUp());
        long total = warm + loop.count(peak.duration());
        String query = "/jobs?wait=" + peak.answerWait().toSeconds();
        Duration timeout = peak.answerTimeout();

        List<CompletableFuture<?>> sent = new ArrayList<>((int) Math.min(total, 1_000_000));
        CompletableFuture<Void> interruption = CompletableFuture.completedFuture(null);
        if (midway != null) {
            long at = loop.plannedNanos(warm + (total - warm) / 2);
            interruption = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, at - System.nanoTime()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                midway.run();
            });
        }
        CpuWatch cpu = null;
        PauseWatch pauses = null;
        long behind = 0;
        for (long i = 0; i < total; i++) {
            long planned = loop.plannedNanos(i);
            long early = planned - System.nanoTime();
            if (early > 0) {
                TimeUnit.NANOSECONDS.sleep(early);
            } else {
                behind = Math.max(behind, -early);
            }
            if (i == warm && midway == null) {
                cpu = CpuWatch.start(run.server().pid());
                pauses = PauseWatch.start(run.serverGcLog());
            }
            PlannedJob.Kind kind = peak.mix().draw(random);
            String store = stores.get(random.nextInt(stores.size()));
            String key = "peak-" + tag + "-" + i;
            String body = jobs.body(kind, key);
            boolean recorded = i >= warm;
            Histogram kindLatency = requireNonNull(latencyByKind.get(kind), "a histogram per kind");
            sent.add(http.post("/api/v1/stores/" + store + query, key, body).handle((response, error) -> {
                long answeredAt = System.nanoTime();
                String answer = kind(response, error);
                if (recorded) {
                    long micros = Math.max(1, (answeredAt - planned) / 1000);
                    latency.recordValue(micros);
                    kindLatency.recordValue(micros);
                    if (response != null) {
                        clientWait.recordValue(Math.max(1, (response.sentAtNanos() - planned) / 1000));
                    }
                    answers.add(answer);
                } else {
                    warmUpAnswers.add(answer);
                }
                if (PeakAnswers.mayHaveMadeAJob(answer)) {
                    toResolve.add(new Unresolved(store, key, kind, body));
                }
                if (midway != null && response != null && answer.equals("DONE")) {
                    String id = text(json(response.body()), "id");
                    answeredDone.add(id == null ? "(DONE without an id)" : id);
                }
                return null;
            }));
        }
        long sendingEnded = System.nanoTime();
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        try {
            all.get(timeout.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (TimeoutException overloaded) {
            // Past saturation the queue is in the client (see ErpHttp): what has not gone out
            // 30 s after the wait is counted as such, its latency the time it waited (a floor),
            // and the cell is reported rather than lost. What was sent ends by its own timeout.
            http.abandonWaiting(
                    "still waiting for a connection " + (timeout.toSeconds() + 30) + " s after the cell's last send");
            all.get(timeout.toSeconds() + 5, TimeUnit.SECONDS);
        }
        interruption.get(5, TimeUnit.MINUTES);
        CpuWatch.Totals totals = cpu == null ? new CpuWatch.Totals(0, 0) : cpu.report(run.summary(), 6);
        if (pauses != null) {
            pauses.report(run.summary());
        }
        long recorded = total - warm;
        double sentPerSecond = recorded / ((sendingEnded - loop.plannedNanos(warm)) / 1e9);

        int lost = settle();
        int resolved = toResolve.size();
        lost += resolve();
        int doneNotOnDisk = doneNotOnDisk();
        return new Result(
                rate,
                warm,
                recorded,
                sentPerSecond,
                behind / 1e6,
                latency,
                clientWait,
                latencyByKind,
                answers,
                warmUpAnswers,
                resolved,
                lost,
                doneNotOnDisk,
                totals);
    }

    /** The answer's kind; a job taken but not DONE yet is kept to be read until final. */
    private String kind(ErpHttp.@Nullable Answer response, @Nullable Throwable error) {
        if (response == null) {
            return PeakAnswers.ofFailure(error == null ? new IllegalStateException("no answer") : error);
        }
        @Nullable JsonNode body = json(response.body());
        String state = text(body, "state");
        String kind = PeakAnswers.ofAnswer(response.status(), state);
        String id = text(body, "id");
        if (kind.startsWith("late ") && id != null) {
            toSettle.add(id);
        }
        return kind;
    }

    /**
     * Reads back every job answered DONE (kept only with {@link #midway}): how many the server no
     * longer holds DONE. An answer is given after the commit, so a stop must never lose one.
     */
    private int doneNotOnDisk() throws InterruptedException {
        int missing = 0;
        for (String id : answeredDone) {
            try {
                if (!erp.read(id).state().equals("DONE")) {
                    missing++;
                }
            } catch (IllegalStateException e) { // 404, or a body without the job
                missing++;
            }
        }
        return missing;
    }

    /** Reads each job taken but not answered final until it is: how many did not end DONE. */
    private int settle() throws InterruptedException {
        int lost = 0;
        for (String id : toSettle) {
            if (!"DONE".equals(erp.readUntilFinal(id, FINAL_WITHIN).state())) {
                lost++;
            }
        }
        return lost;
    }

    /**
     * Posts each request that may have made a job again, under its key and with its body, through
     * the careful ERP (which retries until answered): the server answers with the job the first
     * post made, or makes it now. How many did not end DONE.
     */
    private int resolve() throws Exception {
        int lost = 0;
        for (Unresolved request : toResolve) {
            ErpClient.Submission submission = erp.submit(new PlannedJob(
                            request.store(),
                            request.key(),
                            request.kind(),
                            VirtualReceipt.PRINTER,
                            false,
                            null,
                            request.body()))
                    .get();
            if (submission.jobIds.isEmpty()) {
                lost++;
                continue;
            }
            for (String id : submission.jobIds) {
                if (!"DONE".equals(erp.readUntilFinal(id, FINAL_WITHIN).state())) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private static @Nullable JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
