package io.printbridge.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.TokenStores;
import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent at rest on a till: the real agent as a process of its own, with four virtual printers
 * and one attendance clock, connected to a real server (in this JVM: mutual TLS gRPC, H2 in a
 * temporary folder), its clock's log uploaded, then left alone. Reports the agent process's
 * resident memory ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}) and its CPU
 * ({@code utime + stime} of {@code /proc/<pid>/stat} over the measured window, as a share of one
 * core). Linux only.
 *
 * <p>Each argument is one set of JVM options for the agent, run one after the other, each with a
 * fresh agent and clock: {@code installed} is what {@code PrintBridgeService.ps1} gives procrun
 * ({@code --JvmMs}, {@code --JvmMx}, {@code --JvmSs}, {@code --JvmOptions}), {@code none} is the
 * JVM's defaults, anything else is split on spaces. The sets can also be given as {@code
 * -Dbench.flags=SET|SET|...}. None given: {@code installed}.
 *
 * <p>System properties: {@code bench.agent.classpath} (required: the shaded agent jar, or the
 * agent's classpath), {@code bench.warm} (seconds after the log is uploaded before measuring, 60),
 * {@code bench.measure} (seconds measured, 120), {@code bench.records} (punches on the clock,
 * 3000), {@code bench.ps1} (the service script; found from the working directory by default),
 * {@code bench.java} (the agent's {@code java}: this JVM's by default; give the runtime image's,
 * {@code bridge-agent/target/runtime-linux/bin/java}, to measure what the archives ship).
 *
 * <p>Run: {@code mvn -B -ntp -Pagent-rest -DskipTests verify -pl bridge-server -am} (see
 * BENCHMARKS.md, {@code -Dbench.flags=...} for the sets).
 */
public final class AgentAtRestRun {

    private static final String STORE_PREFIX = "rest-";
    private static final String TOKEN = "rest-bench-token-0123456789";
    private static final List<String> PRINTERS = List.of("receipt", "kitchen", "bar", "labels");
    private static final long TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

    private AgentAtRestRun() {}

    /** What one set of options gave. */
    private record Result(
            String label,
            List<String> options,
            long rssKb,
            long rssMaxKb,
            long hwmKb,
            double cpuPercent,
            int threads,
            int printed,
            int punches,
            int expectedPunches,
            double startSeconds) {}

    public static void main(String[] args) throws Exception {
        String agentClasspath = System.getProperty("bench.agent.classpath", "");
        if (agentClasspath.isBlank()) {
            throw new IllegalArgumentException("-Dbench.agent.classpath: missing (expected: the shaded agent jar, e.g."
                    + " bridge-agent/target/bridge-agent-<version>-all.jar)");
        }
        Duration warm = Duration.ofSeconds(Long.getLong("bench.warm", 60));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 120));
        int records = Integer.getInteger("bench.records", 3000);
        Path ps1 = Path.of(System.getProperty("bench.ps1", findServiceScript().toString()));
        List<String> sets = new ArrayList<>(List.of(args));
        for (String set : System.getProperty("bench.flags", "").split("\\|")) {
            if (!set.isBlank()) {
                sets.add(set.trim());
            }
        }
        if (sets.isEmpty()) {
            sets.add("installed");
        }

        // Stopped with Ctrl+C or a signal: no agent left running behind.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> ProcessHandle.current().children().forEach(ProcessHandle::destroy)));
        Path dir = Files.createTempDirectory("agent-rest-bench");
        List<String> stores = new ArrayList<>();
        for (int i = 1; i <= sets.size(); i++) {
            stores.add(STORE_PREFIX + i);
        }
        List<Result> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (Bridge bridge = new Bridge(
                dir,
                stores,
                Map.of(
                        "bridge.api.tokens.bench.sha256",
                        ApiTokens.sha256(TOKEN),
                        "bridge.api.tokens.bench.stores",
                        TokenStores.ALL,
                        "bridge.api.tokens.bench.scopes",
                        "print,attendance"))) {
            for (int i = 0; i < sets.size(); i++) {
                String set = sets.get(i);
                List<String> options = options(set, ps1);
                System.out.printf(
                        "%n== %s: %s%n", set, options.isEmpty() ? "(JVM defaults)" : String.join(" ", options));
                try {
                    Result result = runOne(
                            bridge,
                            dir.resolve("run-" + (i + 1)),
                            stores.get(i),
                            set,
                            options,
                            agentClasspath,
                            records,
                            warm,
                            measure);
                    System.out.println(row(result));
                    results.add(result);
                } catch (IllegalStateException | IOException e) {
                    // This set does not work (the JVM refused an option, the agent ran out of memory...): say so, go
                    // on.
                    System.out.println(set + ": FAILED: " + e.getMessage());
                    failed.add("`" + String.join(" ", options) + "`: " + e.getMessage());
                }
            }
        }
        System.out.printf(
                "%nagent at rest, 4 virtual printers + 1 clock (%d punches), %d s warm, %d s measured, %s%n",
                records, warm.toSeconds(), measure.toSeconds(), System.getProperty("java.vm.version"));
        System.out.println(
                "| options | VmRSS end (MB) | VmRSS max in window (MB) | VmHWM (MB) | CPU (% of a core) | threads"
                        + " | printed | punches uploaded | connected + uploaded after (s) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        results.forEach(result -> System.out.println(row(result)));
        failed.forEach(failure -> System.out.println("failed: " + failure));
    }

    private static String row(Result r) {
        String label = r.options().isEmpty() ? "(JVM defaults)" : "`" + String.join(" ", r.options()) + "`";
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %.2f | %d | %d/%d | %d/%d | %.1f |",
                label,
                r.rssKb() / 1024.0,
                r.rssMaxKb() / 1024.0,
                r.hwmKb() / 1024.0,
                r.cpuPercent(),
                r.threads(),
                r.printed(),
                2 * PRINTERS.size(),
                r.punches(),
                r.expectedPunches(),
                r.startSeconds());
    }

    private static Result runOne(
            Bridge bridge,
            Path dir,
            String store,
            String label,
            List<String> options,
            String agentClasspath,
            int records,
            Duration warm,
            Duration measure)
            throws Exception {
        Files.createDirectories(dir);
        List<ClockUser> users = SimulatedPunches.users(50);
        List<ClockRecord> punches = SimulatedPunches.records(records, 1, users);
        // A serial of its own per run: the server stores a punch once per clock serial, whatever the store.
        try (SimulatedZkClock clock = SimulatedZkClock.builder()
                .serialNumber("SIM" + store.toUpperCase(Locale.ROOT).replace("-", ""))
                .packetGap(Duration.ZERO)
                .recordCapacity(Math.max(200_000, records))
                .start()) {
            clock.putUsers(users);
            clock.addRecords(punches);
            Path config = writeConfig(bridge, dir, store, clock.tcpPort());

            List<String> command = new ArrayList<>();
            command.add(agentJava());
            command.addAll(options);
            command.addAll(List.of(
                    "-cp", agentClasspath, "io.printbridge.agent.AgentMain", "run", "--config", config.toString()));
            Process agent = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("agent.out").toFile())
                    .start();
            try {
                long started = System.nanoTime();
                awaitOnline(bridge, store, agent, Duration.ofSeconds(60));
                int printed = printOnEach(bridge, store);
                int uploaded = awaitPunches(bridge, store, records, Duration.ofSeconds(120));
                double startSeconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "pid %d: online, %d/%d printed, %d/%d punches after %.1f s; resting %d s%n",
                        agent.pid(), printed, PRINTERS.size(), uploaded, records, startSeconds, warm.toSeconds());
                Thread.sleep(warm.toMillis());

                long pid = agent.pid();
                long ticksBefore = cpuTicks(pid);
                long nanosBefore = System.nanoTime();
                long rssMax = 0;
                long end = nanosBefore + measure.toNanos();
                while (System.nanoTime() < end) {
                    rssMax = Math.max(rssMax, status(pid).getOrDefault("VmRSS", 0L));
                    Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                }
                long ticksAfter = cpuTicks(pid);
                double seconds = (System.nanoTime() - nanosBefore) / 1e9;
                Map<String, Long> status = status(pid);
                long rss = status.getOrDefault("VmRSS", 0L);
                rssMax = Math.max(rssMax, rss);
                double cpu = 100.0 * (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds;

                // Still working after its rest: one more job on each printer.
                printed += printOnEach(bridge, store);
                if (!agent.isAlive()) {
                    throw new IllegalStateException(
                            label + ": the agent exited (" + agent.exitValue() + "); see " + dir.resolve("agent.out"));
                }
                return new Result(
                        label,
                        options,
                        rss,
                        rssMax,
                        status.getOrDefault("VmHWM", 0L),
                        cpu,
                        status.getOrDefault("Threads", 0L).intValue(),
                        printed,
                        uploaded,
                        records,
                        startSeconds);
            } finally {
                agent.destroy(); // SIGTERM: the agent's shutdown hook closes its stream and journal
                if (!agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
        }
    }

    private static Path writeConfig(Bridge bridge, Path dir, String store, int clockPort) throws IOException {
        StringBuilder properties = new StringBuilder();
        properties.append("server.address=localhost:").append(bridge.grpcPort()).append('\n');
        properties
                .append("tls.certificate=")
                .append(slashes(bridge.certs().agentCertificate(store)))
                .append('\n');
        properties
                .append("tls.key=")
                .append(slashes(bridge.certs().agentKey(store)))
                .append('\n');
        properties
                .append("tls.ca=")
                .append(slashes(bridge.certs().caCertificate()))
                .append('\n');
        properties.append("data.dir=data\n");
        properties.append("printers=").append(String.join(",", PRINTERS)).append('\n');
        properties.append("printer.default=").append(PRINTERS.get(0)).append('\n');
        for (String printer : PRINTERS) {
            properties.append("printer.").append(printer).append(".transport=virtual\n");
        }
        properties.append("clocks=entrance\n");
        properties.append("clock.entrance.host=127.0.0.1\n");
        properties.append("clock.entrance.port=").append(clockPort).append('\n');
        Path config = dir.resolve("agent.properties");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private static String slashes(Path path) {
        return path.toAbsolutePath().toString().replace('\\', '/');
    }

    private static void awaitOnline(Bridge bridge, String store, Process agent, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent exited (" + agent.exitValue() + ") before connecting");
            }
            HttpResponse<String> response = bridge.get("/api/v1/stores?online=true&limit=1000", TOKEN);
            if (response.statusCode() == 200) {
                for (JsonNode online : bridge.json(response).path("stores")) {
                    if (online.path("storeId").asText().equals(store)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(store + ": the agent did not connect within " + timeout);
    }

    /** One small receipt on each printer, answered once printed; returns how many were DONE. */
    private static int printOnEach(Bridge bridge, String store) throws Exception {
        String data = Base64.getEncoder()
                .encodeToString("\u001b@AgentAtRestRun\n\n\n\u001dV\u0001".getBytes(StandardCharsets.US_ASCII));
        int done = 0;
        long slowestNanos = 0;
        for (String printer : PRINTERS) {
            long started = System.nanoTime();
            HttpResponse<String> response = bridge.post(
                    "/api/v1/stores/" + store + "/jobs?wait=10",
                    "{\"type\":\"raw\",\"printer\":\"" + printer + "\",\"data\":\"" + data + "\"}",
                    TOKEN);
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - started);
            if (response.statusCode() == 201 && response.body().contains("\"state\":\"DONE\"")) {
                done++;
            } else {
                System.out.println(printer + ": " + response.statusCode() + " " + response.body());
            }
        }
        // From the ERP's post to its DONE answer, the agent's share included: what a cashier waits.
        System.out.printf("  %d/%d printed, the slowest in %.1f ms%n", done, PRINTERS.size(), slowestNanos / 1e6);
        return done;
    }

    /** Reads the store's punches page by page until {@code expected} are there; returns how many are. */
    private static int awaitPunches(Bridge bridge, String store, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = 0;
        String after = "";
        while (true) {
            HttpResponse<String> response = bridge.get(
                    "/api/v1/attendance/punches?store=" + store + "&limit=1000"
                            + (after.isEmpty() ? "" : "&after=" + after),
                    TOKEN);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("punches: " + response.statusCode() + " " + response.body());
            }
            JsonNode page = bridge.json(response);
            count += page.path("punches").size();
            after = page.path("next").asText(after);
            if (count >= expected) {
                return count;
            }
            if (!page.path("more").asBoolean(false)) {
                if (System.nanoTime() > deadline) {
                    return count;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // After the command's name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS and VmHWM (kB) and Threads of {@code /proc/<pid>/status}. */
    private static Map<String, Long> status(long pid) throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            if (name.equals("VmRSS") || name.equals("VmHWM") || name.equals("Threads")) {
                values.put(name, Long.parseLong(line.substring(colon + 1).trim().split("\\s+")[0]));
            }
        }
        return values;
    }

    /**
     * The JVM options of one set: {@code installed}, {@code none}, or options separated by spaces;
     * {@code installed} followed by options adds them after the service's (the JVM takes the last of a
     * repeated option), to try one change against what is shipped.
     */
    static List<String> options(String set, Path ps1) throws IOException {
        if (set.equals("none")) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        String extra = set.trim();
        if (extra.equals("installed") || extra.startsWith("installed ")) {
            options.addAll(installedOptions(Files.readString(ps1, StandardCharsets.UTF_8)));
            extra = extra.substring("installed".length());
        }
        for (String option : extra.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return options;
    }

    /** What procrun gives the JVM from the service script: --JvmMs/--JvmMx (MB), --JvmSs (KB), --JvmOptions. */
    static List<String> installedOptions(String script) {
        List<String> options = new ArrayList<>();
        Matcher ms = Pattern.compile("'--JvmMs=(\\d+)'").matcher(script);
        if (ms.find()) {
            options.add("-Xms" + ms.group(1) + "m");
        }
        Matcher mx = Pattern.compile("'--JvmMx=(\\d+)'").matcher(script);
        if (mx.find()) {
            options.add("-Xmx" + mx.group(1) + "m");
        }
        Matcher ss = Pattern.compile("'--JvmSs=(\\d+)'").matcher(script);
        if (ss.find()) {
            options.add("-Xss" + ss.group(1) + "k");
        }
        Matcher jvm = Pattern.compile("'--JvmOptions=([^']*)'").matcher(script);
        if (jvm.find()) {
            for (String option : jvm.group(1).split("[;#]")) {
                if (!option.isBlank()) {
                    options.add(option.trim());
                }
            }
        }
        if (options.isEmpty()) {
            throw new IllegalArgumentException("no --JvmMs, --JvmMx, --JvmSs or --JvmOptions in the service script");
        }
        return options;
    }

    /** The agent's java: {@code bench.java}, or this JVM's own. */
    private static String agentJava() {
        String java = System.getProperty("bench.java", "");
        if (java.isBlank()) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        if (!Files.isExecutable(Path.of(java))) {
            throw new IllegalArgumentException("-Dbench.java=" + java
                    + ": not an executable (expected: a java launcher, e.g. a runtime image's bin/java)");
        }
        return java;
    }

    private static Path findServiceScript() {
        Path relative = Path.of("bridge-agent", "src", "dist", "windows", "PrintBridgeService.ps1");
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve(relative))) {
                return at.resolve(relative);
            }
        }
        return relative;
    }
}
