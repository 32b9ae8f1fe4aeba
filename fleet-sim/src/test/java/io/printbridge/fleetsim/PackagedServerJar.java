package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged server jar the fleet runs start, as the build names it ({@code fleet.serverJar}). */
final class PackagedServerJar {

    private PackagedServerJar() {}

    static Path path() {
        String path = System.getProperty("fleet.serverJar");
        assertThat(path)
                .as("system property fleet.serverJar (set by the build)")
                .isNotNull();
        Path jar = Path.of(path);
        assertThat(Files.isRegularFile(jar))
                .as("%s: expected the packaged server jar (built by package)", jar)
                .isTrue();
        return jar;
    }
}
