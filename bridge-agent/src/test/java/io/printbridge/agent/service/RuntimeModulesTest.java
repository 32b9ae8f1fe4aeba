package io.printbridge.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short check of the runtime's module list in the default build: the agent runs in a JVM that
 * sees only the modules of src/dist/runtime-modules.txt ({@code --limit-modules}, what a jlink image
 * of them would hold), connects over mutual TLS, prints and stops cleanly. The jlink image itself
 * is built and run by {@code -Pruntime-image} (RuntimeImageIT).
 */
class RuntimeModulesTest {

    static final Path MODULES = Path.of("src/dist/runtime-modules.txt");

    @TempDir
    Path dir;

    @Test
    void everyListedModuleExistsInThisJdk() throws Exception {
        List<String> modules = modules();

        assertThat(modules).contains("java.base", "jdk.crypto.ec");
        assertThat(leftOut())
                .as("left out on purpose")
                .containsExactly("jdk.jfr")
                .doesNotContainAnyElementsOf(modules);
        assertThat(modules)
                .allSatisfy(module -> assertThat(ModuleFinder.ofSystem().find(module))
                        .as(module)
                        .isPresent());
    }

    @Test
    void theAgentRunsConnectsPrintsAndStopsWithOnlyTheListedModules() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> java = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--limit-modules",
                String.join(",", modules()),
                "-cp",
                classPath,
                "io.printbridge.agent.AgentMain");

        String output = PackagedAgentSmoke.run(java, dir, Duration.ofSeconds(30));

        assertThat(output).contains("connected to localhost:");
    }

    /**
     * The modules runtime-modules.txt leaves out on purpose though jdeps finds them: its comment lines
     * {@code # left out: MODULE (why)}.
     */
    static List<String> leftOut() throws Exception {
        return Files.readAllLines(MODULES).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("# left out:"))
                .map(line -> line.substring("# left out:".length()).strip().split("\\s+")[0])
                .toList();
    }

    /** The module names of runtime-modules.txt, comments and blank lines left out. */
    static List<String> modules() throws Exception {
        return Files.readAllLines(MODULES).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
