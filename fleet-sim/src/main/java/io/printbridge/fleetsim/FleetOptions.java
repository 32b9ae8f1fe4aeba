package io.printbridge.fleetsim;

import io.printbridge.faults.harness.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a fleet run does, from its command line ({@code --name=value} or {@code --name value}).
 *
 * @param scenarios in the order they run: connect, idle, jobs, peak, peak-stop (SIGTERM half way through a
 *     peak at the first rate), restart-term, restart-kill,
 *     replica-fail (connect always runs first: the others need the fleet connected)
 * @param serverHeap the server's {@code -Xmx}
 * @param serverJavaOptions more options for the server's JVM, such as a collector to compare
 *     ({@code --server-java-options="-XX:+UseG1GC -XX:TieredStopAtLevel=1"}); none by default, and
 *     the server then gets the shipped launcher's collector ({@link #serverJvmOptions()})
 * @param serverJava the Java home the server runs on ({@code --server-java=/usr/lib/jvm/temurin-25-jdk-amd64}):
 *     the simulator's own unless told, so that a newer runtime's collectors can be compared with the
 *     simulator unchanged
 * @param serverOpenFiles the server's open-file limit, set with util-linux's {@code prlimit} as it
 *     starts (0, the default: the simulator's own): a fleet larger than the server may hold
 * @param idle how long the idle fleet is watched
 * @param jobRate jobs per second across the fleet, each on a store drawn at random
 * @param jobWait the {@code ?wait=} of every job post: the answer comes once the job is final
 * @param replicas how many server processes share the database (more than one: the replica-fail
 *     scenario; the servers then share the fleet as a cluster)
 * @param eventLoops the Netty event loop threads all agents share
 * @param backoffCap the largest reconnect window: the real agent's 30 s unless told (the CI test
 *     shortens it so that its two restarts do not wait out the full window)
 * @param ackFirst answer every command with a CommandAck before its result (the real agent sends
 *     none for a command answered within 100 ms)
 * @param flood a hostile client's silent connections held open from 127.0.0.1 through the connect
 *     storm, each one the server closes opened again (0, the default: none; see {@link Flooder})
 * @param restFlood the same against the REST port, through the peak scenario: the ERP's jobs then
 *     share the port with a client holding connections (0, the default: none)
 * @param peak the peak scenario's grid ({@code --peak-rates 100,500,1000 --peak-duration 30s
 *     --peak-warm-up 10s --peak-wait 10s --peak-mix raw=80,invoice=15,drawer=5 --peak-connections 256})
 */
record FleetOptions(
        Path serverJar,
        int agents,
        List<String> scenarios,
        RunSettings.DatabaseKind database,
        String serverHeap,
        List<String> serverJavaOptions,
        Path serverJava,
        int serverOpenFiles,
        Duration idle,
        double jobRate,
        Duration jobDuration,
        Duration jobWait,
        Duration connectTimeout,
        int replicas,
        int eventLoops,
        Duration backoffCap,
        boolean ackFirst,
        int flood,
        int restFlood,
        PeakOptions peak,
        Path out) {

    static final Set<String> KNOWN_SCENARIOS =
            Set.of("connect", "idle", "jobs", "peak", "peak-stop", "restart-term", "restart-kill", "replica-fail");

    FleetOptions {
        if (agents < 1) {
            throw new IllegalArgumentException("agents: " + agents + " (expected: at least 1)");
        }
        if (serverOpenFiles < 0) {
            throw new IllegalArgumentException(
                    "server-open-files: " + serverOpenFiles + " (expected: 0, the simulator's own limit, or more)");
        }
        if (flood < 0) {
            throw new IllegalArgumentException("flood: " + flood + " (expected: 0 or more connections)");
        }
        if (restFlood < 0) {
            throw new IllegalArgumentException("rest-flood: " + restFlood + " (expected: 0 or more connections)");
        }
        for (String scenario : scenarios) {
            if (!KNOWN_SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException(
                        "scenario: " + scenario + " (expected: some of " + String.join(",", KNOWN_SCENARIOS) + ")");
            }
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas: " + replicas + " (expected: at least 1)");
        }
        if (!(jobRate > 0)) {
            throw new IllegalArgumentException("job-rate: " + jobRate + " (expected: jobs per second above 0)");
        }
        List<String> ordered = new ArrayList<>(List.of("connect"));
        scenarios.stream().filter(s -> !s.equals("connect")).forEach(ordered::add);
        scenarios = List.copyOf(ordered);
    }

    /**
     * The options the server's JVM is started with: {@link #serverJavaOptions}, and what the shipped
     * launcher ({@code bin/bridge-server}) adds unless they name their own (its collector, and the
     * whole heap from the start), so that a run measures the server as it is deployed.
     */
    List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>();
        if (serverJavaOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            options.addAll(LAUNCHER_COLLECTOR);
        }
        if (serverJavaOptions.stream()
                .noneMatch(option -> option.startsWith("-Xms") || option.startsWith("-XX:InitialHeapSize="))) {
            options.add("-Xms" + serverHeap);
        }
        options.addAll(serverJavaOptions);
        return List.copyOf(options);
    }

    /** The collector and its setting that {@code bridge-server/src/dist/bin/bridge-server} adds (BENCHMARKS.md, "The server's JVM flags", "A full collection in the first peak"). */
    static final List<String> LAUNCHER_COLLECTOR = List.of("-XX:+UseParallelGC", "-XX:InitialTenuringThreshold=1");

    static FleetOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("argument " + arg + " (expected: --name=value or --name value)");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(arg.substring(2), args[++i]);
            } else {
                values.put(arg.substring(2), "true");
            }
        }
        FleetOptions options = new FleetOptions(
                Path.of(take(values, "server-jar", "")),
                whole(values, "agents", "1000"),
                List.of(take(values, "scenario", "connect,idle,jobs,restart-term,restart-kill")
                        .split(",")),
                database(take(values, "database", "h2")),
                take(values, "server-heap", "4g"),
                javaOptions(take(values, "server-java-options", "")),
                javaHome(take(values, "server-java", System.getProperty("java.home"))),
                whole(values, "server-open-files", "0"),
                duration(values, "idle", "60s"),
                number(values, "job-rate", "50"),
                duration(values, "job-duration", "60s"),
                duration(values, "job-wait", "5s"),
                duration(values, "connect-timeout", "10m"),
                whole(values, "replicas", "1"),
                whole(
                        values,
                        "event-loops",
                        Integer.toString(Runtime.getRuntime().availableProcessors())),
                duration(
                        values,
                        "backoff-cap",
                        FleetTransport.agentDefaults().backoffCap().toMillis() + "ms"),
                Boolean.parseBoolean(take(values, "ack-first", "false")),
                whole(values, "flood", "0"),
                whole(values, "rest-flood", "0"),
                new PeakOptions(
                        PeakOptions.parseRates(take(values, "peak-rates", "100,500,1000")),
                        duration(values, "peak-duration", "30s"),
                        duration(values, "peak-warm-up", "10s"),
                        duration(values, "peak-wait", "10s"),
                        PeakMix.parse(take(values, "peak-mix", PeakMix.DEFAULT)),
                        whole(values, "peak-connections", "256")),
                Path.of(take(values, "out", "target/fleet")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + values.keySet());
        }
        return options;
    }

    private static List<String> javaOptions(String text) {
        List<String> options = text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
        for (String option : options) {
            if (!option.startsWith("-X") && !option.startsWith("-D")) {
                throw new IllegalArgumentException("server-java-options: \"" + option
                        + "\" (expected: JVM options starting with -X or -D, separated by spaces)");
            }
        }
        return options;
    }

    private static Path javaHome(String text) {
        Path home = Path.of(text);
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException(
                    "server-java: " + text + " (expected: a Java home, a directory with bin/java)");
        }
        return home;
    }

    private static RunSettings.DatabaseKind database(String text) {
        try {
            return RunSettings.DatabaseKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("database: \"" + text + "\" (expected: h2 or postgres)");
        }
    }

    /** A duration option ({@code 500ms}, {@code 10s}, {@code 2m}), or an error that names it. */
    private static Duration duration(Map<String, String> values, String name, String fallback) {
        return parsed(values, name, fallback, RunSettings::duration, "a duration such as 500ms, 10s, 2m or 1h");
    }

    /** A whole-number option, or an error that names it. */
    private static int whole(Map<String, String> values, String name, String fallback) {
        return parsed(values, name, fallback, text -> Integer.parseInt(text.strip()), "a whole number");
    }

    /** A number option ({@code 50}, {@code 0.5}), or an error that names it. */
    private static double number(Map<String, String> values, String name, String fallback) {
        return parsed(values, name, fallback, text -> Double.parseDouble(text.strip()), "a number such as 50 or 0.5");
    }

    /** Option {@code name} read by {@code parser}; what it cannot read is refused, naming the option and what was expected. */
    private static <T> T parsed(
            Map<String, String> values, String name, String fallback, Function<String, T> parser, String expected) {
        String text = take(values, name, fallback);
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": \"" + text + "\" (expected: " + expected + ")");
        }
    }

    private static String take(Map<String, String> values, String name, String fallback) {
        String value = values.remove(name);
        return value == null ? fallback : value;
    }
}
