package io.printbridge.server.bench;

import io.printbridge.agent.exec.FileExecutionJournal;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Durable jobs per second through one server, end to end: ERP HTTP calls on several keep-alive
 * connections, each job stored in the database before it is answered 201, sent down its store's
 * mTLS stream, printed by the agent's virtual printer after the agent's file journal has forced
 * its start to the disk, and its result stored. A job counts once its bytes are on the (virtual)
 * paper; the run ends when every result is stored.
 *
 * <p>Run: {@code mvn -B -ntp -Pthroughput -DskipTests verify -pl bridge-server -am}; options
 * {@code -Dbench.database=H2|POSTGRES}, {@code -Dbench.jobs}, {@code -Dbench.stores},
 * {@code -Dbench.clients} (connections).
 */
public final class DurableThroughputBenchmark {

    private DurableThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestDatabase database = TestDatabase.valueOf(System.getProperty("bench.database", "H2"));
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int storeCount = Integer.getInteger("bench.stores", 20);
        int clients = Integer.getInteger("bench.clients", 16);
        int rounds = Integer.getInteger("bench.rounds", 3);
        // Jobs per request: 1 posts to /jobs, more posts batches of that many to /jobs/batch.
        int perRequest = Integer.getInteger("bench.batch", 1);
        Path dir = Files.createTempDirectory("throughput-bench");
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < storeCount; i++) {
            stores.add("store-" + i);
        }
        byte[] receipt = "Millefeuille x4          1 000,00\nTotal TTC                1 000,00 DA\n"
                .getBytes(StandardCharsets.UTF_8);
        String job = "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(receipt) + "\"}";
        byte[] body = (perRequest == 1
                        ? job
                        : "{\"jobs\":[" + String.join(",", java.util.Collections.nCopies(perRequest, job)) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        String endpoint = perRequest == 1 ? "/jobs" : "/jobs/batch";
        int requests = jobs / perRequest;

        try (Bridge bridge = new Bridge(dir, stores, Map.of("bridge.jobs.max-queued-per-store", 100_000), database)) {
            List<VirtualPrinter> printers = new ArrayList<>();
            for (String store : stores) {
                VirtualPrinter printer = new VirtualPrinter();
                printers.add(printer);
                // The agent's real journal: each job's start is forced to the disk before it prints.
                FileExecutionJournal journal = FileExecutionJournal.open(dir.resolve("journal-" + store), 1000, true);
                Bridge.connected(bridge.startAgent(store, printer, journal));
            }
            HttpLoad load = new HttpLoad("127.0.0.1", bridge.httpPort(), Bridge.TOKEN);
            int warmUp = Integer.getInteger("bench.warmup", Math.min(5000, jobs / 2)) / perRequest * perRequest;
            run(load, stores, endpoint, body, warmUp / perRequest, perRequest, clients, printers, receipt.length);

            long doneSoFar = warmUp;
            for (int round = 1; round <= rounds; round++) {
                CpuByThread cpu = new CpuByThread();
                long start = System.nanoTime();
                long printedBefore = printedBytes(printers);
                HttpLoad.Outcome outcome = load.post(
                                requests,
                                clients,
                                i -> "/api/v1/stores/" + stores.get(i % stores.size()) + endpoint,
                                body)
                        .times(perRequest);
                long accepted = System.nanoTime();
                awaitPrinted(printers, printedBefore + (long) outcome.accepted() * receipt.length, start);
                long printed = System.nanoTime();
                doneSoFar += outcome.accepted();
                awaitStoredDone(bridge, doneSoFar);
                long stored = System.nanoTime();

                System.out.printf(
                        "%n%s round %d of %d: %d stores, %d connections, %d jobs, %d per request (%d refused)%n",
                        database, round, rounds, storeCount, clients, outcome.sent(), perRequest, outcome.refused());
                System.out.printf(
                        "accepted (201 stored):   %8.0f jobs/s  (%.2f s)%n",
                        outcome.accepted() / seconds(start, accepted), seconds(start, accepted));
                System.out.printf(
                        "printed end to end:      %8.0f jobs/s  (%.2f s)%n",
                        outcome.accepted() / seconds(start, printed), seconds(start, printed));
                System.out.printf(
                        "DONE stored end to end:  %8.0f jobs/s  (%.2f s)%n",
                        outcome.accepted() / seconds(start, stored), seconds(start, stored));
                cpu.print(outcome.accepted(), "job");
            }
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static void run(
            HttpLoad load,
            List<String> stores,
            String endpoint,
            byte[] body,
            int requests,
            int perRequest,
            int clients,
            List<VirtualPrinter> printers,
            int receiptLength)
            throws Exception {
        long before = printedBytes(printers);
        HttpLoad.Outcome outcome = load.post(
                        requests, clients, i -> "/api/v1/stores/" + stores.get(i % stores.size()) + endpoint, body)
                .times(perRequest);
        awaitPrinted(printers, before + (long) outcome.accepted() * receiptLength, System.nanoTime());
    }

    private static void awaitPrinted(List<VirtualPrinter> printers, long expectedBytes, long since)
            throws InterruptedException {
        while (printedBytes(printers) < expectedBytes) {
            if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("jobs still not printed after 10 minutes");
            }
            Thread.sleep(2);
        }
    }

    /** Waits until the server has stored {@code expected} jobs as DONE, read from its metrics. */
    private static void awaitStoredDone(Bridge bridge, long expected) throws Exception {
        long since = System.nanoTime();
        while (doneJobs(bridge) < expected) {
            if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(2)) {
                throw new IllegalStateException("printed jobs still not stored DONE after 2 minutes");
            }
            Thread.sleep(2);
        }
    }

    private static double doneJobs(Bridge bridge) throws Exception {
        double done = 0;
        for (String line : bridge.get("/prometheus").body().split("\n")) {
            if (line.startsWith("bridge_jobs_finished_total{") && line.contains("state=\"DONE\"")) {
                done += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return done;
    }

    private static long printedBytes(List<VirtualPrinter> printers) {
        long total = 0;
        for (VirtualPrinter printer : printers) {
            total += printer.printedLength();
        }
        return total;
    }
}
