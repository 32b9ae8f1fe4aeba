package io.printbridge.server.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The runnable server jar that {@code package} built, for the tests that run on the real artifact. */
final class ServerJar {

    private ServerJar() {}

    static Path find() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bridge-server-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError("no bridge-server-*-all.jar in target/ (expected: built by package)"));
        }
    }
}
