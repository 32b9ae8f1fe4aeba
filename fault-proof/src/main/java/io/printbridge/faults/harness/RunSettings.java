package io.printbridge.faults.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one run does: how many stores (one agent process each), how many jobs at what rate, which
 * database, which seed (the same seed replays the same jobs and the same fault schedule), and
 * where it writes its recordings.
 *
 * @param servers server processes sharing the database (PostgreSQL only past one) behind a TCP
 *     load balancer; the server faults hit one of them in turn
 * @param faultEvery the mean time between two faults
 * @param settle how long, once the load and the faults are over, jobs get to reach a final state
 * @param skippedFaults kinds of fault left out of the schedule (a PostgreSQL shared with others
 *     should not be restarted, for instance)
 */
public record RunSettings(
        long seed,
        int stores,
        int servers,
        int jobs,
        double jobsPerSecond,
        DatabaseKind database,
        Duration faultEvery,
        Duration settle,
        Set<Fault.Kind> skippedFaults,
        Path outDir,
        Path serverJar,
        Path agentJar) {

    /** The server's database for the run. */
    public enum DatabaseKind {
        H2,
        POSTGRES
    }

    /** The time the load takes at the planned rate. */
    Duration loadDuration() {
        return Duration.ofMillis((long) (jobs * 1000 / jobsPerSecond));
    }

    static final String USAGE = """
            usage: FaultRun --server-jar=FILE --agent-jar=FILE [--out=DIR] [--seed=N] [--stores=N] [--servers=N] [--jobs=N]
                            [--rate=JOBS_PER_SECOND] [--database=h2|postgres] [--fault-every=DURATION] [--settle=DURATION]
                [--skip-faults=KIND,KIND]
              durations as 10s, 500ms, 2m""";

    /** Reads {@code --name=value} arguments; a wrong one is an {@link IllegalArgumentException} naming it. */
    static RunSettings parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("argument " + arg + ": expected --name=value\n" + USAGE);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        RunSettings settings = new RunSettings(
                Long.parseLong(take(values, "seed", String.valueOf(System.currentTimeMillis()))),
                positive(values, "stores", "4"),
                positive(values, "servers", "1"),
                positive(values, "jobs", "1000"),
                Double.parseDouble(take(values, "rate", "10")),
                DatabaseKind.valueOf(take(values, "database", "h2").toUpperCase(Locale.ROOT)),
                duration(take(values, "fault-every", "6s")),
                duration(take(values, "settle", "90s")),
                kinds(take(values, "skip-faults", "")),
                Path.of(take(values, "out", "target/fault-run")),
                Path.of(required(values, "server-jar")),
                Path.of(required(values, "agent-jar")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s) " + values.keySet() + "\n" + USAGE);
        }
        if (settings.servers() > 1 && settings.database() != DatabaseKind.POSTGRES) {
            throw new IllegalArgumentException("--servers=" + settings.servers()
                    + ": several servers share a PostgreSQL database (expected --database=postgres)");
        }
        return settings;
    }

    private static String take(Map<String, String> values, String name, String orElse) {
        String value = values.remove(name);
        return value == null ? orElse : value;
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.remove(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return value;
    }

    private static int positive(Map<String, String> values, String name, String orElse) {
        int value = Integer.parseInt(take(values, name, orElse));
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + "=" + value + ": expected at least 1");
        }
        return value;
    }

    private static Set<Fault.Kind> kinds(String list) {
        Set<Fault.Kind> kinds = EnumSet.noneOf(Fault.Kind.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                try {
                    kinds.add(Fault.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--skip-faults: no fault " + name.trim() + " (expected: one of "
                            + java.util.Arrays.toString(Fault.Kind.values()) + ")");
                }
            }
        }
        return kinds;
    }

    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("duration " + text + ": expected e.g. 500ms, 10s, 2m, 1h");
        };
    }
}
