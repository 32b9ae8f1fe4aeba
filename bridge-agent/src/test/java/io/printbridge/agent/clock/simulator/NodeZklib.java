package io.printbridge.agent.clock.simulator;

import io.printbridge.agent.testing.NpmPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * node-zklib, a ZK protocol client for node written by others, from npm at a pinned version: the
 * outside reader the simulated clock is checked against. Installed once into the build folder,
 * never onto the Maven classpath. Without node or npm the tests that need it are skipped saying
 * so, unless {@code -Dbridge.test.node.required=true} (set by {@code .ci/run}), where that is a
 * failure.
 */
final class NodeZklib {

    static final String PACKAGE = "node-zklib";
    static final String VERSION = "1.3.0";
    static final Path FOLDER = Path.of("target", "node-zklib");
    /** The reading script, this project's own (see its header for the JSON it writes). */
    static final Path SCRIPT = Path.of("src", "test", "node", "read-clock.js");

    private NodeZklib() {}

    /** The node_modules folder holding node-zklib; a failed test, or a skipped one, when it cannot be had. */
    static Path modules() throws Exception {
        Path modules = install(FOLDER);
        if (modules == null) {
            String message = "node-zklib@" + VERSION + " could not be installed into " + FOLDER.toAbsolutePath()
                    + ": node and npm (Debian: apt-get install nodejs npm) and the npm registry are needed (see "
                    + FOLDER.resolve("npm.log") + " when npm ran)";
            if (Boolean.getBoolean("bridge.test.node.required")) {
                throw new AssertionError(message + "; -Dbridge.test.node.required=true makes it required");
            }
            Assumptions.abort(message + "; skipped");
        }
        return modules;
    }

    /** The node_modules folder holding node-zklib, or null when node or npm is missing or the install failed. */
    static @Nullable Path install(Path folder) throws Exception {
        // An earlier install is reused only at the pinned version (a bump reinstalls).
        return NpmPackages.install(folder, NodeZklib::pinnedVersion, PACKAGE + "@" + VERSION);
    }

    private static boolean pinnedVersion(Path modules) {
        Path manifest = modules.resolve(PACKAGE).resolve("package.json");
        try {
            return Files.exists(manifest)
                    && Files.readString(manifest, StandardCharsets.UTF_8).contains("\"version\": \"" + VERSION + "\"");
        } catch (IOException e) {
            return false;
        }
    }
}
