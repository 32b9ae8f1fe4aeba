package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's runnable jar, as shipped, carries no USB library: the cloud never drives a
 * printer; and as a command line it prints a new token alone on standard output. Runs after
 * {@code package} (failsafe), on the real artifact.
 */
class PackagedServerIT {

    @TempDir
    Path dir;

    @Test
    void shippedJarPrintsANewTokenAloneOnStandardOutputAndLogsNothingThere() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process create = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dbridge.data-dir=" + dir.resolve("data").toAbsolutePath(),
                        "-jar",
                        ServerJar.find().toAbsolutePath().toString(),
                        "tokens",
                        "create",
                        "--name",
                        "erp-prod",
                        "--stores",
                        "*")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();

        assertThat(create.waitFor(90, TimeUnit.SECONDS)).as("ended within 90 s").isTrue();
        assertThat(create.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).matches("pb_[0-9a-f]{64}\\R");
        assertThat(Files.readString(err)).contains("created API token \"erp-prod\" for stores *");
    }

    @Test
    void shippedServerJarContainsNoUsb4javaClassesOrNativeLibraries() throws IOException {
        Path jar = ServerJar.find();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(JarEntry::getName).toList();

            assertThat(names)
                    .as("the jar is the shaded server")
                    .contains("io/printbridge/server/ServerApplication.class");
            assertThat(names).noneMatch(name -> name.startsWith("org/usb4java/"));
            assertThat(names).noneMatch(name -> name.toLowerCase().contains("libusb"));
        }
    }
}
