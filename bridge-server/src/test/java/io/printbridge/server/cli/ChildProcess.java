package io.printbridge.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bridge-server ...} run as its own JVM, as an operator runs the jar: with the server's
 * real main class, logging setup and standard streams, on the test's class path.
 */
record ChildProcess(int exit, String out, String err) {

    static ChildProcess run(Path dir, Path dataDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbridge.data-dir=" + dataDir.toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.printbridge.server.ServerApplication"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "bridge-server " + String.join(" ", args) + " did not end within 90 s: " + Files.readString(err));
        }
        return new ChildProcess(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
