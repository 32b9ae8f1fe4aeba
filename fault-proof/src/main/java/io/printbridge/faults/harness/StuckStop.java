package io.printbridge.faults.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server that does not stop is doing: SIGQUIT makes its JVM print every thread's stack to
 * its output (the server's log), and the threads that run the stop (the JVM's shutdown hooks,
 * {@code Thread-N}, and {@code main}) are kept for the failure's message, since a run's directory
 * does not outlive it.
 */
final class StuckStop {

    /** The dump's lines kept at most: the stop's threads, not every event loop. */
    private static final int MAX_LINES = 200;

    private StuckStop() {}

    static String threadsOf(Process server, Path log) throws InterruptedException {
        long before;
        try {
            before = Files.size(log);
        } catch (IOException e) {
            return "(no log to read: " + e.getMessage() + ")";
        }
        try {
            Signals.send("QUIT", server.pid());
        } catch (IllegalStateException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        }
        Thread.sleep(2_000); // the JVM writes its dump at its next safepoint
        try {
            byte[] all = Files.readAllBytes(log);
            String dump = new String(
                    all,
                    (int) Math.min(before, all.length),
                    (int) Math.max(0, all.length - before),
                    StandardCharsets.UTF_8);
            return stopThreads(dump);
        } catch (IOException e) {
            return "(the dump could not be read: " + e.getMessage() + ")";
        }
    }

    /** The stacks of {@code main} and the shutdown hooks' {@code Thread-N} in a JVM thread dump. */
    static String stopThreads(String dump) {
        List<String> kept = new ArrayList<>();
        boolean keeping = false;
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"")) {
                keeping = line.startsWith("\"main\"") || line.matches("\"Thread-\\d+\".*");
            }
            if (keeping && kept.size() < MAX_LINES) {
                kept.add(line);
            }
        }
        return kept.isEmpty() ? "(no stack of main or of a shutdown hook in the dump)" : String.join("\n", kept);
    }
}
