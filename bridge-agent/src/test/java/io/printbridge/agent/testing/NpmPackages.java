package io.printbridge.agent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Packages from npm that some tests run beside the build (an outside ZK client, a PowerShell
 * grammar), installed once into a folder of the build at pinned versions, never onto the Maven
 * classpath. Each caller decides what a missing node or npm means for its test.
 */
public final class NpmPackages {

    private NpmPackages() {}

    /**
     * The {@code node_modules} folder under {@code folder} once {@code installed} holds for it
     * (checked first: an earlier install is reused), installing {@code packages} ({@code
     * name@version}) when it does not; null when node or npm is missing or the install failed
     * (npm's output is in {@code folder/npm.log}).
     */
    public static @Nullable Path install(Path folder, Predicate<Path> installed, String... packages) throws Exception {
        Path modules = folder.resolve("node_modules").toAbsolutePath();
        if (installed.test(modules)) {
            return modules;
        }
        if (!runs("node", "--version") || !runs("npm", "--version")) {
            return null;
        }
        Files.createDirectories(folder);
        List<String> command = new ArrayList<>(List.of(
                "npm",
                "install",
                "--prefix",
                folder.toAbsolutePath().toString(),
                "--no-save",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund"));
        command.addAll(List.of(packages));
        Process npm = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            return null;
        }
        return installed.test(modules) ? modules : null;
    }

    private static boolean runs(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
