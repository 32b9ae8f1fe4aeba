package io.printbridge.agent.clock.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/read-clock.js}: node-zklib reading a clock over TCP, its view parsed
 * from the JSON file the script writes.
 */
final class ReadClockScript {

    /** Whole log and users ({@code all}) or only the log, timed ({@code log}). */
    enum Mode {
        ALL,
        LOG
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path modules;
    private final Path workDir;

    /**
     * @param workDir the script's working folder: node-zklib appends its own error log files to
     *     the current folder, which must not be the module's
     */
    ReadClockScript(Path modules, Path workDir) {
        this.modules = modules;
        this.workDir = workDir;
    }

    JsonNode read(String host, int port, Mode mode) throws Exception {
        Path out = Files.createTempFile(workDir, "read-clock-", ".json");
        Path log = workDir.resolve("read-clock.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "node",
                        NodeZklib.SCRIPT.toAbsolutePath().toString(),
                        modules.toString(),
                        host,
                        Integer.toString(port),
                        out.toString(),
                        mode.name().toLowerCase(java.util.Locale.ROOT)))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // node-zklib builds each record's Date in the process's zone; UTC has no daylight-saving
        // gap that could move a wall time.
        builder.environment().put("TZ", "UTC");
        Process node = builder.start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("node read-clock.js against " + host + ":" + port
                    + " still running after 120 s (expected: done well within); its output: " + output(log));
        }
        if (node.exitValue() != 0) {
            throw new AssertionError("node read-clock.js against " + host + ":" + port + " exited with "
                    + node.exitValue() + " (expected: 0); its output: " + output(log));
        }
        JsonNode view = JSON.readTree(out.toFile());
        Files.delete(out);
        return view;
    }

    private static String output(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
    }
}
