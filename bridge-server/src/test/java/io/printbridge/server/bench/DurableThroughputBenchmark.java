package io.printbridge.server.bench;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durable jobs per second through one server, end to end: ERP HTTP calls from several client
 * threads, the job stored in the database, sent down each store's mTLS stream, printed by the
 * agent's virtual printer, and its result stored. Counts a job once its bytes are on the
 * (virtual) paper and the server has recorded it DONE.
 *
 * <p>Run: {@code mvn -B -ntp -Pthroughput -DskipTests verify -pl bridge-server -am}; options
 * {@code -Dbench.database=H2|POSTGRES}, {@code -Dbench.jobs}, {@code -Dbench.stores},
 * {@code -Dbench.clients}.
 */
public final class DurableThroughputBenchmark {

    private DurableThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        TestDatabase database = TestDatabase.valueOf(System.getProperty("bench.database", "H2"));
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int storeCount = Integer.getInteger("bench.stores", 20);
        int clients = Integer.getInteger("bench.clients", 16);
        Path dir = Files.createTempDirectory("throughput-bench");
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < storeCount; i++) {
            stores.add("store-" + i);
        }
        byte[] receipt = "Millefeuille x4          1 000,00\nTotal TTC                1 000,00 DA\n".getBytes();
        String body = "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(receipt) + "\"}";

        try (Bridge bridge = new Bridge(dir, stores, Map.of("bridge.jobs.max-queued-per-store", 100_000), database)) {
            List<VirtualPrinter> printers = new ArrayList<>();
            for (String store : stores) {
                VirtualPrinter printer = new VirtualPrinter();
                printers.add(printer);
                Bridge.connected(bridge.startAgent(store, printer));
            }
            run(bridge, stores, body, Math.min(2000, jobs / 5), clients); // warm-up
            long expectedBytes = printedBytes(printers) + (long) jobs * receipt.length;

            long start = System.nanoTime();
            int refused = run(bridge, stores, body, jobs, clients);
            long accepted = System.nanoTime();
            while (printedBytes(printers) < expectedBytes - (long) refused * receipt.length) {
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("jobs still not printed after 10 minutes");
                }
                Thread.sleep(5);
            }
            long printed = System.nanoTime();
            // The last result is stored right after the last print; give the store a moment.
            Thread.sleep(200);

            double acceptSeconds = (accepted - start) / 1e9;
            double endToEndSeconds = (printed - start) / 1e9;
            System.out.printf("%n%s, %d stores, %d client threads, %d jobs (%d refused)%n", database, storeCount, clients, jobs,
                    refused);
            System.out.printf("accepted (201 stored):   %8.0f jobs/s  (%.2f s)%n", jobs / acceptSeconds, acceptSeconds);
            System.out.printf("printed end to end:      %8.0f jobs/s  (%.2f s)%n", (jobs - refused) / endToEndSeconds, endToEndSeconds);
        }
    }

    /** Sends {@code count} jobs spread over the stores from {@code clients} threads; returns how many were refused. */
    private static int run(Bridge bridge, List<String> stores, String body, int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    HttpResponse<String> response = bridge.post("/api/v1/stores/" + stores.get(i % stores.size()) + "/jobs", body);
                    if (response.statusCode() != 201) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return refused.get();
    }

    private static long printedBytes(List<VirtualPrinter> printers) {
        long total = 0;
        for (VirtualPrinter printer : printers) {
            total += printer.printed().length;
        }
        return total;
    }
}
