package io.printbridge.faults.harness;

import io.printbridge.agent.Agent;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.DevCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The soak: the packaged server holds a fleet of real agents (in this JVM, each with its own
 * certificate, stream and virtual printer) for a long while as jobs trickle in, and the server's
 * heap after a full collection, resident memory, threads, file descriptors and database size are
 * sampled all along and written to {@code soak.tsv}. Every job must end DONE.
 *
 * <pre>
 * java -cp … io.printbridge.faults.harness.SoakRun --server-jar=… --agents=200 --duration=60m --rate=1
 * </pre>
 */
public final class SoakRun {

    private SoakRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ToolArguments.parse(args);
        Path serverJar = ToolArguments.serverJar(options);
        int agents = Integer.parseInt(options.getOrDefault("agents", "200"));
        Duration duration = RunSettings.duration(options.getOrDefault("duration", "60m"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        Duration every = RunSettings.duration(options.getOrDefault("sample-every", "60s"));
        RunSettings.DatabaseKind kind = RunSettings.DatabaseKind.valueOf(
                options.getOrDefault("database", "h2").toUpperCase(java.util.Locale.ROOT));
        Path out = Path.of(options.getOrDefault("out", "target/soak")).toAbsolutePath();
        System.exit(run(serverJar, agents, duration, rate, every, kind, out) ? 0 : 1);
    }

    static boolean run(
            Path serverJar,
            int agentCount,
            Duration duration,
            double rate,
            Duration every,
            RunSettings.DatabaseKind kind,
            Path out)
            throws Exception {
        Files.createDirectories(out);
        List<String> stores = IntStream.rangeClosed(1, agentCount)
                .mapToObj(i -> String.format("soak-%04d", i))
                .toList();
        DevCertificates certs = DevCertificates.create(out.resolve("certs"), stores);
        RunCredentials credentials = RunCredentials.fresh();
        List<Agent> agents = new ArrayList<>();
        List<String> lines = new ArrayList<>(List.of(ServerSample.header()));
        try (ServerDatabase database = ServerDatabase.of(kind, System.nanoTime());
                ServerProcess server = new ServerProcess(
                        serverJar,
                        out,
                        certs,
                        database,
                        credentials.tokenSha256(),
                        RunCredentials.freePort(),
                        RunCredentials.freePort())) {
            // Jobs are kept for a few minutes, not the default week: over the hour the database must
            // then reach a level and stay there, which shows purging and compaction keep up.
            server.with("-Dbridge.jobs.retention=5m", "-Dbridge.jobs.purge-interval=1m")
                    .start();
            ErpClient client = new ErpClient(server.httpPort(), credentials.token(), Duration.ofMinutes(2));
            for (String store : stores) {
                agents.add(Agent.start(
                        LinkSettings.defaults("localhost", server.grpcPort()),
                        new TlsFiles(certs.agentCertificate(store), certs.agentKey(store), certs.caCertificate()),
                        null,
                        List.of(new Agent.PrinterDefinition(
                                PrinterSettings.receipt("receipt", true),
                                new VirtualPrinterTransport(new VirtualPrinter()),
                                "virtual")),
                        new InMemoryExecutionJournal(100),
                        Duration.ofSeconds(5)));
            }
            long connectDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!client.allConnected(stores)) {
                if (System.nanoTime() > connectDeadline) {
                    throw new IllegalStateException("the soak's agents did not all connect within 3 minutes");
                }
                Thread.sleep(500);
            }
            ProcessProbe probe = new ProcessProbe(server.pid());
            Random random = new Random(7);
            List<CompletableFuture<ErpClient.Submission>> sent = new ArrayList<>();
            Instant start = Instant.now();
            Instant nextSample = start;
            int sequence = 0;
            while (Instant.now().isBefore(start.plus(duration))) {
                if (!Instant.now().isBefore(nextSample)) {
                    ServerSample sample = sample(probe, database, out, sent, client, stores);
                    lines.add(sample.line());
                    System.out.println(sample.line());
                    Files.write(out.resolve("soak.tsv"), lines);
                    nextSample = nextSample.plus(every);
                }
                String key = JobMaker.key(++sequence);
                String store = stores.get(random.nextInt(stores.size()));
                String data = Base64.getEncoder()
                        .encodeToString(("\u001b@JOB " + key + "\nsoak\n\n\n").getBytes(StandardCharsets.US_ASCII));
                sent.add(client.submit(new PlannedJob(
                        store,
                        key,
                        PlannedJob.Kind.RAW,
                        "receipt",
                        false,
                        null,
                        "{\"type\":\"raw\",\"data\":\"" + data + "\"}")));
                Thread.sleep((long) (1000 / rate));
            }
            ServerSample last = sample(probe, database, out, sent, client, stores);
            lines.add(last.line());
            Files.write(out.resolve("soak.tsv"), lines);
            Map<String, Long> states = new TreeMap<>();
            for (CompletableFuture<ErpClient.Submission> submission : sent) {
                for (String id : submission.join().jobIds) {
                    if (!client.exists(id)) {
                        // Deleted by the retention, which only ever deletes final jobs.
                        states.merge("ended and purged", 1L, Long::sum);
                        continue;
                    }
                    states.merge(
                            client.readUntilFinal(id, Duration.ofSeconds(30)).state(), 1L, Long::sum);
                }
            }
            String summary = "soak: " + agentCount + " agents, " + duration + ", " + sent.size() + " jobs: " + states
                    + "\nsamples in soak.tsv (" + (lines.size() - 1) + ")\n";
            Files.writeString(out.resolve("summary.txt"), summary);
            System.out.println(summary);
            client.close();
            long ended = states.getOrDefault("DONE", 0L) + states.getOrDefault("ended and purged", 0L);
            return ended == sent.size();
        } finally {
            for (Agent agent : agents) {
                agent.close();
            }
        }
    }

    private static ServerSample sample(
            ProcessProbe probe,
            ServerDatabase database,
            Path out,
            List<CompletableFuture<ErpClient.Submission>> sent,
            ErpClient client,
            List<String> stores)
            throws Exception {
        long done = sent.stream().filter(CompletableFuture::isDone).count();
        return new ServerSample(
                Instant.now(),
                done,
                probe.heapAfterGc(),
                probe.residentBytes(),
                probe.threads(),
                probe.fileDescriptors(),
                database.sizeBytes(out),
                client.allConnected(stores) ? stores.size() : -1);
    }
}
