package io.printbridge.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux runtime image that {@code -Pruntime-image} makes with jlink from runtime-modules.txt
 * (the list the Windows image is made from too): jdeps finds no module missing from that list,
 * and the tarball's launcher runs the agent on the image, which connects, prints and stops
 * cleanly. Skipped without the profile, failed when the profile ran and the image is missing.
 */
class RuntimeImageIT {

    private static final Path TARGET = Path.of(System.getProperty("agent.dist.dir", "target"));
    private static final String VERSION = System.getProperty("agent.version", "0.1.0-SNAPSHOT");
    private static final Path IMAGE = TARGET.resolve("runtime-linux");

    @TempDir
    Path dir;

    @BeforeEach
    void needsTheImage() {
        boolean required = Boolean.getBoolean("runtime.image.required");
        if (!required) {
            Assumptions.assumeTrue(
                    Files.isDirectory(IMAGE), "no Linux runtime image: build with -Pruntime-image to make and test it");
        }
        assertThat(IMAGE.resolve("bin/java"))
                .as("the jlink image of -Pruntime-image")
                .isExecutable();
    }

    @Test
    void jdepsFindsNoModuleMissingFromTheList() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        Path jar = TARGET.resolve("bridge-agent-" + VERSION + "-all.jar");

        int status = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(out),
                "--ignore-missing-deps",
                "--multi-release",
                "17",
                "--print-module-deps",
                jar.toString());

        assertThat(status).as(out.toString()).isZero();
        List<String> leftOut = RuntimeModulesTest.leftOut();
        List<String> found = Arrays.stream(out.toString().strip().split(","))
                .map(String::strip)
                .filter(module -> !leftOut.contains(module))
                .toList();
        assertThat(RuntimeModulesTest.modules())
                .as(
                        "runtime-modules.txt holds what jdeps finds in the shaded jar, but for what it leaves out on purpose")
                .containsAll(found);
    }

    @Test
    void theImageHoldsTheListedModulesAndNoCompiler() throws Exception {
        Process java = new ProcessBuilder(IMAGE.resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true)
                .start();
        String modules = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        for (String module : RuntimeModulesTest.modules()) {
            assertThat(modules).contains(module + "@");
        }
        assertThat(modules).doesNotContain("jdk.compiler@", "java.rmi@", "jdk.jfr@");
        assertThat(IMAGE.resolve("lib/server/classes.jsa"))
                .as("the JDK's class data sharing archive, made by jlink")
                .isRegularFile();
    }

    @Test
    void theTarballRunsTheAgentOnItsImage() throws Exception {
        Path unpacked = DistributionIT.untar(dir.resolve("tarball"));
        assertThat(unpacked.resolve("runtime/bin/java"))
                .as("the tarball carries the image")
                .isExecutable();
        assertThat(unpacked.resolve("runtime/lib/jspawnhelper")).isExecutable();

        String output = PackagedAgentSmoke.run(
                List.of(unpacked.resolve("bin/bridge-agent").toString()), dir.resolve("run"), Duration.ofSeconds(60));

        assertThat(output).contains("connected to localhost:");
    }
}
