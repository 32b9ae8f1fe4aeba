package io.printbridge.server.bench;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Can one store slow the others? A quiet store prints one receipt at a time ({@code POST ?wait})
 * while a second store's agent floods the server (see {@link FloodingAgent}), all in one JVM on
 * this machine's cores. Reports the quiet store's round trip without and with the flood, the heap
 * after a full GC before and after, and how much the database grows while the flood runs alone.
 *
 * <p>Run: {@code mvn -B -ntp -Pflood -DskipTests verify -pl bridge-server -am}; {@code
 * -Dbench.jobs=N} round trips per phase (2000 by default), {@code -Dbench.floodSeconds=S} of
 * flood alone (10), {@code -Dbench.floodStreams=P} streams the flooder keeps open at once (8).
 * Figures in BENCHMARKS.md.
 */
public final class FloodBenchmark {

    private FloodBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 2000);
        int floodAloneSeconds = Integer.getInteger("bench.floodSeconds", 10);
        // Streams the flooder keeps open at once, each replaced the moment the server ends it.
        int parallel = Integer.getInteger("bench.floodStreams", 8);
        Path dir = Files.createTempDirectory("flood-bench");
        try (Bridge bridge = new Bridge(dir, List.of("quiet-01", "flood-02"))) {
            VirtualPrinter printer = new VirtualPrinter();
            Bridge.connected(bridge.startAgent("quiet-01", printer));
            RoundTripBenchmark.RoundTrip print = () -> {
                HttpResponse<String> response = bridge.post(
                        "/api/v1/stores/quiet-01/jobs?wait=10", "{\"type\":\"raw\",\"data\":\"VGlja2V0Cg==\"}");
                if (response.statusCode() != 201 || !response.body().contains("\"state\":\"DONE\"")) {
                    throw new IllegalStateException("job not DONE: " + response.statusCode() + " " + response.body());
                }
            };
            // The flooding store must be known before it floods: its agent says Hello once.
            Bridge.connected(bridge.startAgent("flood-02", new VirtualPrinter()))
                    .close();

            long[] quiet = RoundTripBenchmark.measure(jobs, jobs, print);
            Thread.sleep(1500); // the store records' last flush
            long heapBefore = heapAfterGc();
            long dbBefore = size(dir);

            long[] flooded;
            long floodSent;
            long floodMillis;
            long floodStreams;
            long dbAfterFloodAlone;
            String endedBecause;
            try (FloodingAgent flood = new FloodingAgent(bridge.certs(), "flood-02", bridge.grpcPort())) {
                flood.start(parallel);
                // The flood alone first: what it writes to the database, with no job of the quiet store's.
                Thread.sleep(floodAloneSeconds * 1000L);
                dbAfterFloodAlone = size(dir);
                long start = System.nanoTime();
                long sentBefore = flood.sent();
                flooded = RoundTripBenchmark.measure(0, jobs, print);
                floodMillis = (System.nanoTime() - start) / 1_000_000;
                floodSent = flood.sent() - sentBefore;
                floodStreams = flood.streams();
                endedBecause = flood.endedBecause();
            }
            Thread.sleep(1000);
            long heapAfter = heapAfterGc();

            System.out.printf(
                    "%nquiet store, %d print round trips per phase, one at a time (µs); the flooder keeps %d streams"
                            + " open at once%n",
                    jobs, parallel);
            System.out.printf("%-28s %9s %9s %9s%n", "phase", "p50", "p99", "max");
            row("no flood", quiet);
            row("while flood-02 floods", flooded);
            System.out.printf(
                    "p99 with flood / without: %.2fx%n",
                    RoundTripBenchmark.percentile(flooded, 99) / (double) RoundTripBenchmark.percentile(quiet, 99));
            System.out.printf(
                    "flood: %d messages sent while the quiet store printed, in %d ms (%.0f/s, counted by the client);"
                            + " %d streams opened in all; the server last ended one with: %s%n",
                    floodSent,
                    floodMillis,
                    floodSent * 1000.0 / Math.max(1, floodMillis),
                    floodStreams,
                    endedBecause == null ? "(never)" : endedBecause);
            System.out.printf(
                    "heap after full GC: %d MB before the flood, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
            System.out.printf(
                    "database directory: %d KB before the flood, %d KB after %d s of flood alone (%+d KB)%n",
                    dbBefore >> 10, dbAfterFloodAlone >> 10, floodAloneSeconds, (dbAfterFloodAlone - dbBefore) >> 10);
        }
    }

    private static void row(String name, long[] sorted) {
        System.out.printf(
                "%-28s %9d %9d %9d%n",
                name,
                RoundTripBenchmark.percentile(sorted, 50),
                RoundTripBenchmark.percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
