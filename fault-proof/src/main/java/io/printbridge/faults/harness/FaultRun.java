package io.printbridge.faults.harness;

import io.printbridge.certs.DevCertificates;
import io.printbridge.faults.History;
import io.printbridge.faults.HistoryChecker;
import io.printbridge.faults.JobOutcome;
import io.printbridge.faults.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One run of the proof under faults: the packaged server and one agent process per store, each
 * store's line through a {@link LinkProxy} and its two printers recorded; the ERP posts the
 * seed's jobs at a steady rate while the seed's faults are injected; then the faults are healed,
 * the jobs get {@link RunSettings#settle()} to end, and the whole history is checked.
 *
 * <pre>
 * java -cp … io.printbridge.faults.harness.FaultRun --server-jar=… --agent-jar=… --seed=42 --jobs=10000 --stores=10
 * </pre>
 *
 * Exits with 0 when every promise held, 1 on any violation, 2 when the run itself could not be
 * made. The summary goes to standard output and {@code summary.txt} in the run's folder, with
 * every job, attempt and fault beside it.
 */
public final class FaultRun {

    private final RunSettings settings;

    public FaultRun(RunSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        RunSettings settings;
        try {
            settings = RunSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            RunResult result = new FaultRun(settings).run();
            System.out.println(result.summary());
            System.exit(result.verdict().holds() ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    /** What a run found, and its summary as written to {@code summary.txt}. */
    /**
     * What a run found, and its summary as written to {@code summary.txt}.
     *
     * @param connectionsPerServer with several servers, how many agent connections the load
     *     balancer gave each (empty with one)
     */
    public record RunResult(
            Verdict verdict,
            Map<Fault.Kind, Long> faultsByKind,
            List<String> faultErrors,
            String summary,
            List<Integer> connectionsPerServer) {}

    public RunResult run() throws Exception {
        Path out = settings.outDir().toAbsolutePath();
        Files.createDirectories(out);
        List<String> stores = IntStream.rangeClosed(1, settings.stores())
                .mapToObj(i -> String.format("fp-store-%02d", i))
                .toList();
        DevCertificates certs = DevCertificates.create(out.resolve("certs"), stores);
        RunCredentials credentials = RunCredentials.fresh();
        Map<String, RecordingPrinter> printers = new LinkedHashMap<>();
        List<LinkProxy> lines = new ArrayList<>();
        List<AgentProcess> agents = new ArrayList<>();
        List<JournalDisk> disks = new ArrayList<>();
        Optional<String> noDisks = JournalDisk.whyNotHere(out);
        List<ServerProcess> servers = new ArrayList<>();
        @Nullable Balancer balancer = null;
        try (ServerDatabase database = ServerDatabase.of(settings.database(), settings.seed());
                AutoCloseable stopServers = () -> {
                    for (ServerProcess server : servers) {
                        server.close();
                    }
                }) {
            for (int i = 1; i <= settings.servers(); i++) {
                ServerProcess server = new ServerProcess(
                        settings.serverJar(),
                        settings.servers() == 1 ? out : out.resolve("server-" + i),
                        certs,
                        database,
                        credentials.tokenSha256(),
                        RunCredentials.freePort(),
                        RunCredentials.freePort());
                if (settings.servers() > 1) {
                    Files.createDirectories(out.resolve("server-" + i));
                    server.with("-Dbridge.cluster.enabled=true", "-Dbridge.cluster.server-id=s" + i);
                }
                servers.add(server);
                server.start();
            }
            InetSocketAddress grpc =
                    new InetSocketAddress("127.0.0.1", servers.get(0).grpcPort());
            if (servers.size() > 1) {
                balancer = Balancer.start(servers.stream()
                        .map(server -> new InetSocketAddress("127.0.0.1", server.grpcPort()))
                        .toList());
                grpc = new InetSocketAddress("127.0.0.1", balancer.port());
            }
            for (String store : stores) {
                RecordingPrinter receipt = new RecordingPrinter(store, "receipt");
                RecordingPrinter kitchen = new RecordingPrinter(store, "kitchen");
                printers.put(FaultInjector.printerKey(store, "receipt"), receipt);
                printers.put(FaultInjector.printerKey(store, "kitchen"), kitchen);
                LinkProxy line = LinkProxy.start(store, grpc);
                lines.add(line);
                if (noDisks.isEmpty()) {
                    disks.add(JournalDisk.mount(out.resolve(store).resolve("data")));
                }
                AgentProcess agent = AgentProcess.configure(
                        settings.agentJar(), out.resolve(store), store, certs, line.port(), receipt, kitchen);
                agents.add(agent);
                agent.start();
            }
            try (ErpClient erp = new ErpClient(
                            servers.stream().map(ServerProcess::httpPort).toList(),
                            credentials.token(),
                            Duration.ofMinutes(15));
                    FaultInjector injector =
                            new FaultInjector(servers, database, stores, agents, lines, disks, printers)) {
                awaitConnected(erp, stores);
                RunResult result = drive(erp, injector, database, noDisks, stores, printers, out);
                if (balancer == null) {
                    return result;
                }
                String routed = "connections per server: " + balancer.routedPerServer();
                Files.writeString(out.resolve("summary.txt"), routed + "\n", java.nio.file.StandardOpenOption.APPEND);
                return new RunResult(
                        result.verdict(),
                        result.faultsByKind(),
                        result.faultErrors(),
                        result.summary() + "\n" + routed,
                        balancer.routedPerServer());
            }
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
            if (balancer != null) {
                balancer.close();
            }
            lines.forEach(LinkProxy::close);
            printers.values().forEach(RecordingPrinter::close);
            disks.forEach(JournalDisk::close);
        }
    }

    private RunResult drive(
            ErpClient erp,
            FaultInjector injector,
            ServerDatabase database,
            Optional<String> noDisks,
            List<String> stores,
            Map<String, RecordingPrinter> printers,
            Path out)
            throws Exception {
        Set<Fault.Kind> kinds = EnumSet.allOf(Fault.Kind.class);
        List<String> notInjected = new ArrayList<>();
        for (Fault.Kind skipped : settings.skippedFaults()) {
            kinds.remove(skipped);
            notInjected.add(skipped + ": left out (--skip-faults)");
        }
        noDisks.filter(why -> kinds.contains(Fault.Kind.DISK_FULL)).ifPresent(why -> {
            kinds.remove(Fault.Kind.DISK_FULL);
            notInjected.add("DISK_FULL: " + why);
        });
        database.whyNoRestart()
                .filter(why -> kinds.contains(Fault.Kind.DATABASE_RESTART))
                .ifPresent(why -> {
                    kinds.remove(Fault.Kind.DATABASE_RESTART);
                    notInjected.add("DATABASE_RESTART: " + why);
                });
        List<Fault> schedule = FaultSchedule.plan(
                settings.seed(), settings.loadDuration(), settings.faultEvery(), stores.size(), kinds);
        Instant start = Instant.now();
        Thread faults = new Thread(
                () -> {
                    try {
                        injector.run(schedule, start);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "fault-schedule");
        faults.start();

        JobMaker maker = new JobMaker(settings.seed(), stores);
        List<CompletableFuture<ErpClient.Submission>> sent = new ArrayList<>();
        for (int i = 0; i < settings.jobs(); i++) {
            long wait = Duration.between(Instant.now(), start.plusMillis((long) (i * 1000 / settings.jobsPerSecond())))
                    .toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            sent.add(erp.submit(maker.next()));
        }
        faults.join();
        injector.healAll();
        List<ErpClient.Submission> submissions = new ArrayList<>();
        for (CompletableFuture<ErpClient.Submission> submission : sent) {
            submissions.add(submission.join());
        }
        Map<String, ErpClient.JobState> states = settle(erp, submissions);

        List<RecordingPrinter.Recording> recordings =
                printers.values().stream().map(RecordingPrinter::recording).toList();
        History history = history(submissions, states, recordings);
        Verdict verdict = new HistoryChecker().check(history);
        RunReport report =
                new RunReport(settings, stores, submissions, states, injector.injected(), notInjected, verdict);
        report.write(out);
        writeEvidence(erp, verdict, history, out);
        return new RunResult(verdict, report.faultsByKind(), report.faultErrors(), report.summary(), List.of());
    }

    /**
     * What a person needs to look into a violation: the job as the server tells it (its history),
     * and every drawer pulse with the job it was read as.
     */
    private static void writeEvidence(ErpClient erp, Verdict verdict, History history, Path out)
            throws IOException, InterruptedException {
        List<String> violating = new ArrayList<>();
        for (String jobId :
                verdict.violations().stream().map(v -> v.jobId()).distinct().toList()) {
            violating.add(erp.readRaw(jobId));
        }
        Files.write(out.resolve("violating-jobs.jsonl"), violating);
        List<String> pulses = new ArrayList<>();
        pulses.add("at\tprinter\tjob");
        history.pulses().forEach(p -> pulses.add(p.at() + "\t" + p.printer() + "\t" + p.jobId()));
        Files.write(out.resolve("pulses.tsv"), pulses);
    }

    /** Reads every accepted job until all are final or the settle time is spent. */
    private Map<String, ErpClient.JobState> settle(ErpClient erp, List<ErpClient.Submission> submissions)
            throws InterruptedException {
        Map<String, ErpClient.JobState> states = new HashMap<>();
        long deadline = System.nanoTime() + settings.settle().toNanos();
        while (true) {
            boolean allFinal = true;
            for (ErpClient.Submission submission : submissions) {
                for (String jobId : submission.jobIds) {
                    ErpClient.JobState known = states.get(jobId);
                    if (known == null || !known.isFinal()) {
                        ErpClient.JobState now = erp.read(jobId);
                        states.put(jobId, now);
                        allFinal &= now.isFinal();
                    }
                }
            }
            if (allFinal || System.nanoTime() > deadline) {
                return states;
            }
            Thread.sleep(1000);
        }
    }

    private static History history(
            List<ErpClient.Submission> submissions,
            Map<String, ErpClient.JobState> states,
            List<RecordingPrinter.Recording> recordings) {
        List<JobOutcome> jobs = new ArrayList<>();
        Map<String, String> jobIdByKey = new HashMap<>();
        List<PaperReader.DrawerJob> drawerJobs = new ArrayList<>();
        for (ErpClient.Submission submission : submissions) {
            PlannedJob planned = submission.job;
            for (String jobId : submission.jobIds) {
                ErpClient.JobState state = Objects.requireNonNull(states.get(jobId), jobId);
                jobIdByKey.putIfAbsent(planned.key(), jobId);
                boolean drawerJob = planned.kind() == PlannedJob.Kind.DRAWER;
                Instant deadline =
                        drawerJob ? state.expiresAt() : planned.openDrawer() ? state.drawerExpiresAt() : null;
                if (drawerJob && planned.pulseMs() != null) {
                    drawerJobs.add(
                            new PaperReader.DrawerJob(jobId, planned.store(), planned.pulseMs(), state.createdAt()));
                }
                jobs.add(new JobOutcome(
                        jobId,
                        planned.store(),
                        planned.key(),
                        state.createdAt(),
                        drawerJob,
                        state.state(),
                        planned.openDrawer() && !drawerJob ? state.drawer() : null,
                        deadline));
            }
        }
        PaperReader.Paper paper = new PaperReader(jobIdByKey, drawerJobs).read(recordings);
        return new History(jobs, paper.copies(), paper.pulses());
    }

    private static void awaitConnected(ErpClient erp, List<String> stores) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!erp.allConnected(stores)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stores' agents did not all connect within 120 s");
            }
            Thread.sleep(250);
        }
    }
}
