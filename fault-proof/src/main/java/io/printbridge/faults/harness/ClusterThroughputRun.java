package io.printbridge.faults.harness;

import io.printbridge.agent.Agent;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.DevCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Jobs per second through 1, 2 or 3 servers sharing one PostgreSQL: the packaged servers behind a
 * TCP load balancer, a fleet of real agents in this JVM (virtual printers that answer at once), and
 * an ERP of {@code --clients} workers each posting a raw job with {@code ?wait} to the next server
 * in turn and the next as soon as it has the answer (closed loop: this measures what the servers
 * carry, not latency under a fixed rate, which is the peak scenario's). Two in three jobs reach a
 * server that does not hold the shop's stream. Prints jobs/s, p50/p99/max of the answers, and the
 * errors; every job must end DONE.
 *
 * <pre>
 * java -cp … io.printbridge.faults.harness.ClusterThroughputRun --server-jar=… --servers=3 --agents=50
 *     --clients=32 --duration=60s
 * </pre>
 */
public final class ClusterThroughputRun {

    private ClusterThroughputRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ToolArguments.parse(args);
        Path serverJar = ToolArguments.serverJar(options);
        String summary = run(
                serverJar,
                Integer.parseInt(options.getOrDefault("servers", "1")),
                Integer.parseInt(options.getOrDefault("agents", "50")),
                Integer.parseInt(options.getOrDefault("clients", "32")),
                RunSettings.duration(options.getOrDefault("duration", "60s")),
                RunSettings.duration(options.getOrDefault("warm-up", "15s")),
                Path.of(options.getOrDefault("out", "target/cluster-throughput"))
                        .toAbsolutePath());
        System.out.println(summary);
        System.exit(summary.contains("errors: {}") ? 0 : 1);
    }

    static String run(
            Path serverJar, int serverCount, int agentCount, int clients, Duration duration, Duration warmUp, Path out)
            throws Exception {
        Files.createDirectories(out);
        List<String> stores = IntStream.rangeClosed(1, agentCount)
                .mapToObj(i -> String.format("tp-%04d", i))
                .toList();
        DevCertificates certs = DevCertificates.create(out.resolve("certs"), stores);
        RunCredentials credentials = RunCredentials.fresh();
        List<ServerProcess> servers = new ArrayList<>();
        List<Agent> agents = new ArrayList<>();
        try (ServerDatabase database = ServerDatabase.of(RunSettings.DatabaseKind.POSTGRES, System.nanoTime());
                AutoCloseable stopServers = () -> {
                    for (ServerProcess server : servers) {
                        server.close();
                    }
                }) {
            for (int i = 1; i <= serverCount; i++) {
                Path dir = Files.createDirectories(out.resolve("server-" + i));
                ServerProcess server = new ServerProcess(
                        serverJar,
                        dir,
                        certs,
                        database,
                        credentials.tokenSha256(),
                        RunCredentials.freePort(),
                        RunCredentials.freePort());
                if (serverCount > 1) {
                    server.with("-Dbridge.cluster.enabled=true", "-Dbridge.cluster.server-id=s" + i);
                }
                servers.add(server);
                server.start();
            }
            try (Balancer balancer = Balancer.start(servers.stream()
                    .map(server -> new InetSocketAddress("127.0.0.1", server.grpcPort()))
                    .toList())) {
                for (String store : stores) {
                    agents.add(Agent.start(
                            LinkSettings.defaults("localhost", balancer.port()),
                            new TlsFiles(certs.agentCertificate(store), certs.agentKey(store), certs.caCertificate()),
                            null,
                            List.of(new Agent.PrinterDefinition(
                                    PrinterSettings.receipt("receipt", true),
                                    new VirtualPrinterTransport(new VirtualPrinter()),
                                    "virtual")),
                            new InMemoryExecutionJournal(1000),
                            Duration.ofSeconds(30)));
                }
                List<Integer> ports =
                        servers.stream().map(ServerProcess::httpPort).toList();
                try (ErpClient check = new ErpClient(ports, credentials.token(), Duration.ofMinutes(1))) {
                    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    while (!check.allConnected(stores)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("the agents did not all connect within 3 minutes");
                        }
                        Thread.sleep(500);
                    }
                }
                Load warm = load(ports, credentials.token(), stores, clients, warmUp);
                Load measured = load(ports, credentials.token(), stores, clients, duration);
                String summary = String.format(
                        "cluster throughput: %d server(s) on one PostgreSQL, %d agents, %d clients, %s (after %s"
                                + " warm-up: %d jobs)%n  %d jobs DONE in %.1f s = %.0f jobs/s; answer with ?wait:"
                                + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; errors: %s%n  connections per server: %s%n",
                        serverCount,
                        agentCount,
                        clients,
                        duration,
                        warmUp,
                        warm.done(),
                        measured.done(),
                        measured.seconds(),
                        measured.done() / measured.seconds(),
                        measured.percentile(50),
                        measured.percentile(99),
                        measured.percentile(100),
                        measured.errors(),
                        balancer.routedPerServer());
                Files.writeString(out.resolve("summary.txt"), summary);
                return summary;
            }
        } finally {
            for (Agent agent : agents) {
                agent.close();
            }
        }
    }

    /** What one closed-loop load found: jobs DONE, every answer's latency, errors by kind. */
    record Load(long done, double seconds, long[] latenciesNanos, Map<String, Long> errors) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }
    }

    private static Load load(List<Integer> ports, String token, List<String> stores, int clients, Duration duration)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        AtomicLong sequence = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Map<String, Long> errors = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        long begin = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[1_000_000];
            latencies.add(mine);
            int client = c;
            Thread worker = new Thread(
                    () -> {
                        int count = 0;
                        while (System.nanoTime() < end && count < mine.length) {
                            long n = sequence.incrementAndGet();
                            String store = stores.get((int) (n % stores.size()));
                            int port = ports.get((int) ((n + client) % ports.size()));
                            String data = Base64.getEncoder()
                                    .encodeToString(("tp " + n + "\n").getBytes(StandardCharsets.US_ASCII));
                            HttpRequest request = HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + port + "/api/v1/stores/" + store + "/jobs?wait=10"))
                                    .timeout(Duration.ofSeconds(15))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", "tp-" + begin + "-" + n)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"type\":\"raw\",\"data\":\"" + data + "\"}"))
                                    .build();
                            long sent = System.nanoTime();
                            try {
                                HttpResponse<String> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofString());
                                long took = System.nanoTime() - sent;
                                if (response.statusCode() / 100 == 2
                                        && response.body().contains("\"DONE\"")) {
                                    done.incrementAndGet();
                                    mine[count++] = took;
                                } else {
                                    errors.merge(
                                            response.statusCode() + " "
                                                    + response.body()
                                                            .substring(
                                                                    0,
                                                                    Math.min(
                                                                            80,
                                                                            response.body()
                                                                                    .length())),
                                            1L,
                                            Long::sum);
                                }
                            } catch (IOException e) {
                                errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        latencies.set(client, Arrays.copyOf(mine, count));
                    },
                    "erp-" + c);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Load(done.get(), seconds, all, new TreeMap<>(errors));
    }
}
