package io.printbridge.fleetsim;

import io.printbridge.faults.harness.ErpClient;
import io.printbridge.faults.harness.ProcessProbe;
import io.printbridge.faults.harness.RunCredentials;
import io.printbridge.faults.harness.RunSettings;
import io.printbridge.faults.harness.ServerDatabase;
import io.printbridge.faults.harness.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One run of the simulator: a throwaway CA, the packaged server (or several sharing a PostgreSQL
 * schema) started as processes, the fleet built and every scenario run in turn against it, each
 * writing its figures to the run's {@code summary.txt}. Connect always runs first; a scenario that
 * throws is recorded as failed and the next one runs on the fleet as it is.
 */
final class FleetRun {

    /** Each server's GC log, in its directory of the run. */
    private static final String SERVER_GC_LOG = "gc.log";

    private final FleetOptions options;
    private final RunSummary summary;
    private final List<ServerProcess> servers;
    private final Fleet fleet;
    private final ErpClient erp;
    private final long serverHeapBeforeFleet;
    private final long simHeapBeforeFleet;
    private final Path serverGcLog;

    private FleetRun(
            FleetOptions options,
            RunSummary summary,
            List<ServerProcess> servers,
            Fleet fleet,
            ErpClient erp,
            long serverHeapBeforeFleet,
            long simHeapBeforeFleet,
            Path serverGcLog) {
        this.options = options;
        this.summary = summary;
        this.servers = servers;
        this.fleet = fleet;
        this.erp = erp;
        this.serverHeapBeforeFleet = serverHeapBeforeFleet;
        this.simHeapBeforeFleet = simHeapBeforeFleet;
        this.serverGcLog = serverGcLog;
    }

    FleetOptions options() {
        return options;
    }

    RunSummary summary() {
        return summary;
    }

    List<ServerProcess> servers() {
        return servers;
    }

    /** The first server's GC log, its pauses stamped with the wall clock ({@link GcPause#logOption}). */
    Path serverGcLog() {
        return serverGcLog;
    }

    /** The first server: the one the ERP talks to and the one the restarts stop. */
    ServerProcess server() {
        return servers.get(0);
    }

    Fleet fleet() {
        return fleet;
    }

    ErpClient erp() {
        return erp;
    }

    /** The server's heap after a full collection, started and holding no stream yet. */
    long serverHeapBeforeFleet() {
        return serverHeapBeforeFleet;
    }

    /** This JVM's heap after a full collection before the fleet was built. */
    long simHeapBeforeFleet() {
        return simHeapBeforeFleet;
    }

    static ProcessProbe self() {
        return new ProcessProbe(ProcessHandle.current().pid());
    }

    /** Runs {@code options}' scenarios; the summary says what happened and what failed. */
    static RunSummary run(FleetOptions options) throws Exception {
        String name = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)) + "-n"
                + options.agents();
        Path dir = options.out().resolve(name).toAbsolutePath();
        Files.createDirectories(dir);
        RunSummary summary = new RunSummary(dir.resolve("summary.txt"));
        summary.section("fleet run " + name);
        summary.line(
                "%d agents, scenarios %s, database %s, %d server(s) at -Xmx%s%s%s",
                options.agents(),
                String.join(",", options.scenarios()),
                options.database(),
                options.replicas(),
                options.serverHeap(),
                " " + String.join(" ", options.serverJvmOptions()),
                options.serverOpenFiles() == 0 ? "" : ", open files limited to " + options.serverOpenFiles());
        summary.line(
                "machine: %d cores (shared by the server and the simulator), %s %s, Java %s; simulator -Xmx %s, collectors %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                RunSummary.mb(Runtime.getRuntime().maxMemory()),
                String.join(" and ", OwnGcPauses.get().collectors()));
        if (options.replicas() > 1 && options.database() != RunSettings.DatabaseKind.POSTGRES) {
            throw new IllegalArgumentException("replicas: " + options.replicas() + " on " + options.database()
                    + " (expected: postgres, which" + " several servers can share)");
        }

        long started = System.nanoTime();
        FleetCertificates certificates = FleetCertificates.create(dir.resolve("certs"));
        RunCredentials credentials = RunCredentials.fresh();
        List<ServerProcess> servers = new ArrayList<>();
        List<Path> serverGcLogs = new ArrayList<>();
        try (ServerDatabase database = ServerDatabase.of(options.database(), System.nanoTime());
                FleetTransport transport = new FleetTransport(options.eventLoops(), 2)) {
            try {
                for (int i = 0; i < options.replicas(); i++) {
                    Path serverDir = dir.resolve("server-" + (i + 1));
                    Files.createDirectories(serverDir);
                    Path gcLog = serverDir.resolve(SERVER_GC_LOG);
                    serverGcLogs.add(gcLog);
                    ServerProcess server = new ServerProcess(
                                    options.serverJar(),
                                    serverDir,
                                    certificates.serverFiles(),
                                    database,
                                    credentials.tokenSha256(),
                                    RunCredentials.freePort(),
                                    RunCredentials.freePort())
                            .maxHeap(options.serverHeap())
                            .javaHome(options.serverJava())
                            .openFiles(options.serverOpenFiles())
                            .with(options.serverJvmOptions().toArray(String[]::new))
                            .with(GcPause.logOption(gcLog.toString()));
                    if (options.replicas() > 1) {
                        // Several servers share the fleet through PostgreSQL (docs/deploy/cluster.en.md).
                        server.with("-Dbridge.cluster.enabled=true", "-Dbridge.cluster.server-id=r" + (i + 1));
                    }
                    servers.add(server);
                    server.start();
                }
                List<ServerAddress> addresses = servers.stream()
                        .map(server -> ServerAddress.of("localhost", server.grpcPort()))
                        .toList();
                summary.line(
                        "agents reconnect after the real agent's backoff, full jitter up to %s",
                        RunSummary.seconds(options.backoffCap().toNanos()));
                summary.line(
                        "server(s) %s up after %s; logs in %s",
                        addresses, RunSummary.seconds(System.nanoTime() - started), dir);
                long serverHeap = new ProcessProbe(servers.get(0).pid()).heapAfterGc();
                long simHeap = simHeapAfterGc();

                long issuing = System.nanoTime();
                try (Fleet fleet = Fleet.create(
                                options.agents(),
                                certificates,
                                addresses,
                                transport,
                                options.backoffCap(),
                                options.ackFirst());
                        ErpClient erp = new ErpClient(
                                servers.get(0).httpPort(),
                                credentials.token(),
                                Duration.ofMinutes(2),
                                options.jobWait())) {
                    summary.line(
                            "%d agent keys, certificates and TLS contexts made in %s; Netty transport %s, %d event loop"
                                    + " thread(s)",
                            fleet.size(),
                            RunSummary.seconds(System.nanoTime() - issuing),
                            transport.kind(),
                            options.eventLoops());
                    FleetRun run = new FleetRun(
                            options, summary, servers, fleet, erp, serverHeap, simHeap, serverGcLogs.get(0));
                    for (String scenario : options.scenarios()) {
                        run.runScenario(scenario);
                    }
                }
            } finally {
                for (ServerProcess server : servers) {
                    server.close();
                }
            }
        }
        summary.section("end");
        summary.line(
                "%s after %s; %s",
                summary.failures().isEmpty()
                        ? "every check held"
                        : summary.failures().size() + " check(s) failed",
                RunSummary.seconds(System.nanoTime() - started),
                dir.resolve("summary.txt"));
        return summary;
    }

    private void runScenario(String scenario) {
        try {
            switch (scenario) {
                case "connect" -> ConnectScenario.run(this);
                case "idle" -> IdleScenario.run(this);
                case "jobs" -> JobsScenario.run(this);
                case "peak" -> PeakScenario.run(this);
                case "peak-stop" -> PeakStopScenario.run(this);
                case "restart-term" -> RestartScenario.run(this, RestartScenario.Stop.SIGTERM);
                case "restart-kill" -> RestartScenario.run(this, RestartScenario.Stop.SIGKILL);
                case "replica-fail" -> ReplicaFailScenario.run(this);
                default -> throw new IllegalArgumentException("scenario: " + scenario);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            summary.failed(scenario + ": interrupted");
        } catch (Exception e) {
            summary.failed(scenario + ": " + e);
        }
    }

    /** This JVM's heap in use after a full collection (a hint the JVM takes with the default collector). */
    static long simHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * Waits until {@code count} says every agent of the fleet, or the timeout, with a progress line
     * every ten seconds from {@code sinceNanos}; returns the count last seen.
     */
    int awaitConnected(IntSupplier count, long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextProgress = sinceNanos + 10_000_000_000L;
        FleetCounters.Snapshot before = fleet.counters().snapshot();
        int seen = count.getAsInt();
        while (seen < fleet.size() && System.nanoTime() - deadline < 0) {
            if (System.nanoTime() - nextProgress > 0) {
                FleetCounters.Snapshot so = fleet.counters().snapshot().minus(before);
                summary.line(
                        "  after %s: %d back, %d dials, %d failed",
                        RunSummary.seconds(System.nanoTime() - sinceNanos), seen, so.dials(), so.failedDials());
                nextProgress += 10_000_000_000L;
            }
            Thread.sleep(100);
            seen = count.getAsInt();
        }
        return seen;
    }
}
