package io.printbridge.agent.service;

import io.printbridge.agent.testing.NpmPackages;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return NpmPackages.install(
                folder,
                modules -> Files.exists(modules.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))
                        && Files.exists(modules.resolve("web-tree-sitter/web-tree-sitter.js")),
                WEB_TREE_SITTER,
                POWERSHELL);
    }
}
