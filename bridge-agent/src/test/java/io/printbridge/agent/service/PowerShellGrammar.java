package io.printbridge.agent.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The PowerShell grammar the distribution test parses the scripts with: web-tree-sitter and
 * tree-sitter-powershell from npm, both WebAssembly (no native build, no PowerShell, which no
 * reachable registry has). Installed once into the build folder, at pinned versions.
 */
final class PowerShellGrammar {

    static final String WEB_TREE_SITTER = "web-tree-sitter@0.27.2";
    static final String POWERSHELL = "tree-sitter-powershell@0.26.4";

    private PowerShellGrammar() {}

    /** The node_modules folder holding both, or null when node or npm is missing or the install failed. */
    static @Nullable Path install(Path folder) throws Exception {
        Path modules = folder.resolve("node_modules");
        if (Files.exists(modules.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))
                && Files.exists(modules.resolve("web-tree-sitter/web-tree-sitter.js"))) {
            return modules.toAbsolutePath();
        }
        if (!runs("node", "--version") || !runs("npm", "--version")) {
            return null;
        }
        Files.createDirectories(folder);
        Process npm = new ProcessBuilder(
                        "npm",
                        "install",
                        "--prefix",
                        folder.toAbsolutePath().toString(),
                        "--no-save",
                        "--ignore-scripts",
                        "--no-audit",
                        "--no-fund",
                        WEB_TREE_SITTER,
                        POWERSHELL)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            return null;
        }
        return modules.toAbsolutePath();
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
