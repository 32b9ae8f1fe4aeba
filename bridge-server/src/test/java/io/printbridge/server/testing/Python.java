package io.printbridge.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Python 3 script as the ERP would, with {@code python3} from the PATH. Output goes to
 * files rather than pipes, so a chatty script can never block on a full pipe.
 */
public final class Python {

    /** What the script did: its exit code and what it wrote. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The last line written to stderr: the exception Python died of, after its traceback. */
        public String lastErrorLine() {
            String[] lines = stderr.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private Python() {}

    /**
     * Runs {@code script} with {@code environment} added to this process's, {@code stdin} as its
     * standard input, and fails if it takes longer than {@code timeout}.
     */
    public static Result run(Path script, Map<String, String> environment, byte[] stdin, Duration timeout)
            throws IOException, InterruptedException {
        return run(script.getParent(), List.of(script.toString()), environment, stdin, timeout, script.getParent());
    }

    /**
     * Runs {@code python3 <arguments>} in {@code workingDir} with {@code environment} added to this
     * process's (a value of null removes that variable), {@code stdin} as its standard input, its
     * output in files under {@code outputDir}, and fails if it takes longer than {@code timeout}.
     */
    public static Result run(
            Path workingDir,
            List<String> arguments,
            Map<String, String> environment,
            byte[] stdin,
            Duration timeout,
            Path outputDir)
            throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Path in = Files.write(outputDir.resolve("stdin.bin"), stdin);
        Path out = outputDir.resolve("stdout.txt");
        Path err = outputDir.resolve("stderr.txt");
        List<String> command = new ArrayList<>();
        command.add("python3");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "python3 not found on the PATH (" + e.getMessage()
                            + "); this test runs Python code the ERP uses and needs Python 3 (CI has it)",
                    e);
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 " + String.join(" ", arguments) + " still running after " + timeout
                    + "; stderr so far: " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
