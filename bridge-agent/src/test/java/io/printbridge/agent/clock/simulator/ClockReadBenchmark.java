package io.printbridge.agent.clock.simulator;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading a clock's whole attendance log, timed side by side on one simulated clock: this
 * project's client over TCP and over UDP, node-zklib over TCP, and pyzk over TCP and UDP when its
 * source is given ({@code -Dbench.pyzk=DIR}, see {@link PyzkScript}). Not a test (no timing is ever
 * asserted); figures in BENCHMARKS.md. Each reading runs from opening the socket to the whole log
 * decoded; the clients take turns within each repetition so that noise from other work on the
 * machine falls on all of them alike. Every reading must return every record, or the run stops.
 *
 * <p>{@code mvn -B -ntp -Pclock-bench -DskipTests test -pl bridge-agent -am}, with {@code
 * -Dbench.records=30000,100000} (log sizes), {@code -Dbench.repeats=5} and {@code
 * -Dbench.warmup=1} (unreported readings per client first), and {@code -Dbench.pyzk=DIR}.
 */
public final class ClockReadBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ClockReadBenchmark() {}

    /** One client's way of reading the whole log; answers the number of records read and the milliseconds taken. */
    private interface Reader {
        double[] read(Clocks clocks) throws Exception;
    }

    /**
     * The same log on two simulated clocks: {@code spaced} with the simulator's default 10 ms
     * before each packet of a chunk's answer over TCP (node-zklib takes one packet per socket
     * read, hence that default), {@code gapless} without, to show what the pause itself costs.
     */
    private record Clocks(SimulatedZkClock spaced, SimulatedZkClock gapless, String keys) {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.records", "30000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int repeats = Integer.getInteger("bench.repeats", 5);
        int warmup = Integer.getInteger("bench.warmup", 1);
        Path modules = NodeZklib.install(NodeZklib.FOLDER);
        if (modules == null) {
            throw new IllegalStateException("node-zklib@" + NodeZklib.VERSION + " could not be installed into "
                    + NodeZklib.FOLDER.toAbsolutePath() + " (expected: node and npm on the PATH, the npm registry)");
        }
        Path work = Files.createTempDirectory("clock-bench-");
        ReadClockScript node = new ReadClockScript(modules, work);

        Map<String, Reader> readers = new LinkedHashMap<>();
        readers.put("this client, TCP", clocks -> ours(clocks.spaced(), ClockTransport.TCP));
        readers.put("this client, UDP", clocks -> ours(clocks.spaced(), ClockTransport.UDP));
        readers.put("node-zklib 1.3.0, TCP", clocks -> {
            var view = node.read("127.0.0.1", clocks.spaced().tcpPort(), ReadClockScript.Mode.LOG);
            return new double[] {
                view.get("records").asDouble(), view.get("millis").asDouble()
            };
        });
        readers.put("this client, TCP, no packet gap", clocks -> ours(clocks.gapless(), ClockTransport.TCP));
        String pyzkSource = System.getProperty("bench.pyzk", "");
        if (!pyzkSource.isBlank()) {
            PyzkScript pyzk = new PyzkScript(Path.of(pyzkSource), work);
            for (ClockTransport transport : List.of(ClockTransport.TCP, ClockTransport.UDP)) {
                readers.put("pyzk, " + transport, clocks -> {
                    int port = transport == ClockTransport.TCP
                            ? clocks.spaced().tcpPort()
                            : clocks.spaced().udpPort();
                    var view = pyzk.read("127.0.0.1", port, transport);
                    if (!view.get("keys").asText().equals(clocks.keys())) {
                        // A wrong log is not a slow one: the run stops (see run()).
                        return new double[] {-1, 0};
                    }
                    return new double[] {
                        view.get("records").asDouble(), view.get("millis").asDouble()
                    };
                });
            }
        }

        System.out.printf(
                Locale.ROOT,
                "%n%d cores, %s, %d repetitions after %d warm-up, ms from socket open to whole log%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                repeats,
                warmup);
        System.out.println("| records | client | median ms | min ms | max ms | failed readings |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        for (int size : sizes) {
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<String, Integer> failures = new LinkedHashMap<>();
            run(size, readers, repeats, warmup, times, failures);
            for (String client : readers.keySet()) {
                List<Double> sorted = new ArrayList<>(times.getOrDefault(client, List.of()));
                Collections.sort(sorted);
                int failed = failures.getOrDefault(client, 0);
                if (sorted.isEmpty()) {
                    System.out.printf(Locale.ROOT, "| %,d | %s | - | - | - | %d |%n", size, client, failed);
                    continue;
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %,d | %s | %.0f | %.0f | %.0f | %d |%n",
                        size,
                        client,
                        median(sorted),
                        sorted.get(0),
                        sorted.get(sorted.size() - 1),
                        failed);
            }
        }
    }

    /** Fills {@code times} (per client, the timed readings) and {@code failures} (per client, readings that failed). */
    private static void run(
            int size,
            Map<String, Reader> readers,
            int repeats,
            int warmup,
            Map<String, List<Double>> times,
            Map<String, Integer> failures)
            throws Exception {
        List<ClockUser> users = SimulatedPunches.users(50);
        List<ClockRecord> records = SimulatedPunches.records(size, 1, users);
        try (SimulatedZkClock spaced = SimulatedZkClock.builder()
                        .recordCapacity(Math.max(200_000, size))
                        .start();
                SimulatedZkClock gapless = SimulatedZkClock.builder()
                        .recordCapacity(Math.max(200_000, size))
                        .packetGap(Duration.ZERO)
                        .start()) {
            Clocks clocks = new Clocks(spaced, gapless, PyzkScript.keys(records));
            for (SimulatedZkClock clock : List.of(spaced, gapless)) {
                clock.putUsers(users);
                clock.addRecords(records);
            }
            for (int round = 0; round < warmup + repeats; round++) {
                for (Map.Entry<String, Reader> reader : readers.entrySet()) {
                    double[] result;
                    try {
                        result = reader.getValue().read(clocks);
                    } catch (Exception | AssertionError e) {
                        // A reading that failed is counted and reported, not timed (node-zklib can
                        // time out on its own packet handling when the machine is busy).
                        failures.merge(reader.getKey(), 1, Integer::sum);
                        System.err.println(reader.getKey() + ", " + size + " records: failed: " + e.getMessage());
                        continue;
                    }
                    if ((int) result[0] != size) {
                        throw new IllegalStateException(reader.getKey()
                                + (result[0] < 0
                                        ? " read records other than the clock's (user id or time differ)"
                                        : " read " + (int) result[0] + " records (expected: " + size + ")"));
                    }
                    if (round >= warmup) {
                        times.computeIfAbsent(reader.getKey(), key -> new ArrayList<>())
                                .add(result[1]);
                    }
                }
            }
        }
    }

    private static double[] ours(SimulatedZkClock clock, ClockTransport transport) throws Exception {
        int port = transport == ClockTransport.TCP ? clock.tcpPort() : clock.udpPort();
        long started = System.nanoTime();
        try (ClockConnection connection =
                new ZkClockConnector().connect(new ClockEndpoint("127.0.0.1", port, transport, 0, TIMEOUT))) {
            int read = connection.records().size();
            return new double[] {read, (System.nanoTime() - started) / 1e6};
        }
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
