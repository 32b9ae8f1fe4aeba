package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ProcessProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The end of a working day: every shop prints at once. An ERP that sends jobs at a fixed rate
 * whatever the answers do (open loop, {@link OpenLoop}), raw receipts, invoices and drawer opens
 * mixed ({@link PeakMix}), each on a store drawn at random, with an {@code Idempotency-Key} and
 * {@code ?wait=}, as the ERP waits on each print while a cashier waits at the till. Latency runs
 * from each request's planned send time to its answer, in an HdrHistogram; answers are counted by
 * kind ({@link PeakAnswers}). A job the server took must end DONE; one that did not is lost, and
 * the run fails, as it does on an answer that is neither DONE, late nor a refusal.
 *
 * <p>One cell per rate of the grid ({@link PeakCell}), one after the other on the same connected
 * fleet; each is a row of the table, with both processes' CPU over its recorded part. The client
 * posts without retrying: a refusal is an answer to count, not something to hide.
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
        List<PeakCell.Result> cells = new ArrayList<>();
        Flooder flood = restFlood(run);
        Map<String, Double> restBoundBefore = restBound(run);
        try (ErpHttp http = erpConnections(run)) {
            for (double rate : peak.rates()) {
                summary.line("-- %s jobs/s", rateText(rate));
                Map<String, Double> refusedBefore = serverRefusals(run);
                PeakCell.Result cell = new PeakCell(run, http, rate).run();
                describe(summary, cell);
                describeRefusals(summary, refusedBefore, serverRefusals(run));
                check(summary, cell);
                cells.add(cell);
            }
        } finally {
            if (flood != null) {
                flood.close();
            }
            describeRestBound(summary, flood, restBoundBefore, restBound(run));
        }
        summary.line("");
        summary.line(
                "| jobs/s | sent | sent at | p50 | p90 | p99 | p99.9 | max | errors | lost | server CPU | simulator CPU |");
        summary.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        cells.forEach(cell -> summary.line("%s", row(cell)));

        ProcessProbe server = new ProcessProbe(run.server().pid());
        ProcessProbe self = FleetRun.self();
        summary.line(
                "after the peak: server heap after full GC %s, RSS %s, %d threads; simulator heap after GC %s, RSS %s,"
                        + " %d threads",
                RunSummary.mb(server.heapAfterGc()),
                RunSummary.mb(server.residentBytes()),
                server.threads(),
                RunSummary.mb(FleetRun.simHeapAfterGc()),
                RunSummary.mb(self.residentBytes()),
                self.threads());
    }

    /**
     * HTTP/1.1 as the ERPs speak it, at most {@code --peak-connections} keep-alive connections, one
     * request in flight on each, to the first server, each request waiting {@link
     * PeakOptions#answerTimeout} for its answer.
     */
    static ErpHttp erpConnections(FleetRun run) {
        PeakOptions peak = run.options().peak();
        return new ErpHttp(
                URI.create(run.erp().bases().get(0)), run.erp().token(), peak.connections(), peak.answerTimeout());
    }

    private static void describe(RunSummary summary, PeakCell.Result cell) {
        summary.line(
                "%d recorded, sent at %.1f/s (planned %s/s), the sender at most %.1f ms behind its plan;"
                        + " answers %s; warm-up %d sent, answers %s",
                cell.recorded(),
                cell.sentPerSecond(),
                rateText(cell.rate()),
                cell.senderBehindMs(),
                cell.answers().counts(),
                cell.warmUpSent(),
                cell.warmUpAnswers().counts());
        summary.line("latency from the planned send to the answer: %s", Latencies.describe(cell.latency()));
        summary.line(
                "  of which waiting in the client for one of its connections: %s",
                Latencies.describe(cell.clientWait()));
        cell.latencyByKind().forEach((kind, latency) -> {
            if (latency.getTotalCount() > 0) {
                summary.line("  %s: %s", kind.name().toLowerCase(Locale.ROOT), Latencies.describe(latency));
            }
        });
        summary.line(
                "%d request(s) posted again under their key to learn their job's end; %d job(s) taken and never DONE",
                cell.resolved(), cell.lost());
    }

    /**
     * A client holding {@code --rest-flood} silent connections to the REST port the ERP posts to, in
     * place before the first cell's warm-up; null without the option.
     */
    private static @Nullable Flooder restFlood(FleetRun run) throws IOException, InterruptedException {
        int connections = run.options().restFlood();
        if (connections == 0) {
            return null;
        }
        URI erp = URI.create(run.erp().bases().get(0));
        Flooder flood = Flooder.start(new InetSocketAddress(erp.getHost(), erp.getPort()), connections);
        Thread.sleep(ConnectScenario.FLOOD_HEAD_START.toMillis());
        run.summary().line("REST flood in place: %s", flood.describe());
        return flood;
    }

    private static Map<String, Double> restBound(FleetRun run) throws IOException, InterruptedException {
        return ServerMetric.samples(run.servers().get(0).httpPort(), "bridge_http_connections_");
    }

    /**
     * What the REST port's bound did over the whole grid (idle connections closed for new ones,
     * connections answered 503), and what the flood held when there was one; nothing when the bound
     * did nothing and there was no flood.
     */
    private static void describeRestBound(
            RunSummary summary, @Nullable Flooder flood, Map<String, Double> before, Map<String, Double> after) {
        double idleClosed = delta(before, after, "bridge_http_connections_idle_closed_total");
        double refused = delta(before, after, "bridge_http_connections_refused_total");
        if (flood == null && idleClosed == 0 && refused == 0) {
            return;
        }
        summary.line(
                "REST %sthe server's bound (%.0f connections) closed %.0f idle ones to take new ones and answered"
                        + " %.0f with 503",
                flood == null ? "port: " : flood.describe() + "; ",
                after.getOrDefault("bridge_http_connections_max", 0.0),
                idleClosed,
                refused);
        summary.count("peak.restIdleClosed", Math.round(idleClosed));
        summary.count("peak.restRefused", Math.round(refused));
    }

    /** A counter's growth between two scrapes; the bridge's own meters carry no labels. */
    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    /** The server's count of refused job requests by reason ({@code bridge_api_jobs_refused_total}). */
    private static Map<String, Double> serverRefusals(FleetRun run) throws IOException, InterruptedException {
        return ServerMetric.samples(run.servers().get(0).httpPort(), REFUSED + "{");
    }

    private static final String REFUSED = "bridge_api_jobs_refused_total";

    /** Why the server refused, over the cell and its warm-up, when it refused anything. */
    private static void describeRefusals(RunSummary summary, Map<String, Double> before, Map<String, Double> after) {
        StringBuilder reasons = new StringBuilder();
        after.forEach((sample, value) -> {
            long refused = Math.round(value - before.getOrDefault(sample, 0.0));
            if (refused > 0) {
                String reason = sample.replaceAll(".*reason=\"([^\"]*)\".*", "$1");
                reasons.append(reasons.length() == 0 ? "" : ", ")
                        .append(reason)
                        .append(' ')
                        .append(refused);
            }
        });
        if (reasons.length() > 0) {
            summary.line("the server's refusals by reason, warm-up included: %s", reasons);
        }
    }

    /** The run's counts ({@code peak.200.errors}, {@code peak.200.answer.DONE}) and its failed checks. */
    private static void check(RunSummary summary, PeakCell.Result cell) {
        String name = "peak." + rateText(cell.rate());
        summary.count(name + ".recorded", cell.recorded());
        summary.count(name + ".warmUp", cell.warmUpSent());
        cell.answers().counts().forEach((kind, count) -> summary.count(name + ".answer." + kind, count));
        summary.count(name + ".errors", cell.answers().errors());
        summary.count(name + ".warmUpErrors", cell.warmUpAnswers().errors());
        summary.count(name + ".lost", cell.lost());
        String cellName = "peak " + rateText(cell.rate()) + "/s";
        if (cell.lost() > 0) {
            summary.failed(cellName + ": " + cell.lost() + " job(s) taken and never DONE");
        }
        // Refusals are the server's admission control under a load it cannot take: counted, not failed.
        long errors = cell.answers().errors()
                + cell.warmUpAnswers().errors()
                - cell.answers().refusals()
                - cell.warmUpAnswers().refusals();
        if (errors > 0) {
            summary.failed(cellName + ": " + errors + " answer(s) neither DONE, late nor a refusal "
                    + cell.answers().counts() + ", warm-up "
                    + cell.warmUpAnswers().counts());
        }
    }

    private static String row(PeakCell.Result cell) {
        Histogram latency = cell.latency();
        return String.format(
                "| %s | %d | %.0f/s | %s | %s | %s | %s | %s | %d | %d | %.0f %% | %.0f %% |",
                rateText(cell.rate()),
                cell.recorded(),
                cell.sentPerSecond(),
                ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)),
                ms(latency.getMaxValue()),
                cell.answers().errors(),
                cell.lost(),
                cell.cpu().server(),
                cell.cpu().simulator());
    }

    /** {@code 200} for 200.0, {@code 0.5} for 0.5: the rate as the command line gave it. */
    static String rateText(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
