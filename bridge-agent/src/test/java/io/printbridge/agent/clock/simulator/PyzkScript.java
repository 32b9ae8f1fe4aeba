package io.printbridge.agent.clock.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/read_clock.py}: pyzk, the most used Python client of ZK clocks,
 * reading a clock's whole log. pyzk cannot be installed here from a registry (the Python package
 * index is not reachable), so it is given by hand as a folder holding its source ({@code
 * -Dbench.pyzk=DIR}, the folder with its {@code zk} package); only the benchmark uses it.
 */
final class PyzkScript {

    static final Path SCRIPT = Path.of("src", "test", "python", "read_clock.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final Path workDir;

    PyzkScript(Path source, Path workDir) {
        if (!Files.isRegularFile(source.resolve("zk").resolve("base.py"))) {
            throw new IllegalArgumentException("-Dbench.pyzk=" + source
                    + ": no zk/base.py in it (expected: the folder holding pyzk's source, e.g. its 0.9 tag unpacked)");
        }
        this.source = source.toAbsolutePath();
        this.workDir = workDir;
    }

    /** What pyzk read: {@code client}, {@code records}, {@code millis} and {@code keys} (see the script). */
    JsonNode read(String host, int port, ClockTransport transport) throws Exception {
        Path log = Files.createTempFile(workDir, "pyzk-", ".log");
        Path out = Files.createTempFile(workDir, "pyzk-", ".json");
        Process python = new ProcessBuilder(List.of(
                        "python3",
                        SCRIPT.toAbsolutePath().toString(),
                        source.toString(),
                        host,
                        Integer.toString(port),
                        transport == ClockTransport.UDP ? "udp" : "tcp"))
                .directory(workDir.toFile())
                .redirectError(log.toFile())
                .redirectOutput(out.toFile())
                .start();
        // pyzk over TCP can spin without end when a transfer is cut (issue 19's report); never wait
        // on it for ever.
        if (!python.waitFor(120, TimeUnit.SECONDS)) {
            python.destroyForcibly();
            throw new AssertionError("pyzk against " + host + ":" + port + " still running after 120 s");
        }
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        try {
            if (python.exitValue() != 0) {
                throw new AssertionError("pyzk against " + host + ":" + port + " exited with " + python.exitValue()
                        + " (expected: 0): " + errors);
            }
            return JSON.readTree(out.toFile());
        } finally {
            Files.delete(out);
        }
    }

    /** The script's {@code keys} for the records a clock holds, in its order: SHA-256 of "userId,localTime\n" each. */
    static String keys(List<ClockRecord> records) {
        return SimulatedPunches.digest(records, record -> record.userId() + "," + record.localTime());
    }
}
