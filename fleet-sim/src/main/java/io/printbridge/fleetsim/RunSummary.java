package io.printbridge.fleetsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run found: lines for people (printed as they come and written to {@code summary.txt}),
 * counts by name for the test ({@code connect.connected}, {@code jobs.DONE}), and the checks that
 * failed. Nothing here is a timing the test could assert on: times are lines, not counts.
 */
final class RunSummary {

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    RunSummary(Path file) {
        this.file = file;
    }

    synchronized void section(String title) {
        line("");
        line("== " + title);
    }

    synchronized void line(String format, Object... args) {
        String line = args.length == 0 ? format : String.format(format, args);
        lines.add(line);
        System.out.println(line);
        save();
    }

    synchronized void count(String name, long value) {
        counts.put(name, value);
    }

    /** A check that did not hold: the run exits non-zero. */
    synchronized void failed(String why) {
        failures.add(why);
        line("FAILED: " + why);
    }

    synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized String text() {
        return String.join("\n", lines) + "\n";
    }

    private void save() {
        try {
            Files.writeString(file, text());
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
