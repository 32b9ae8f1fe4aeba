package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The server's runnable jar, as shipped, carries no USB library: the cloud never drives a
 * printer. Runs after {@code package} (failsafe), on the real artifact.
 */
class PackagedServerIT {

    @Test
    void shippedServerJarContainsNoUsb4javaClassesOrNativeLibraries() throws IOException {
        Path jar = ServerJar.find();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(JarEntry::getName).toList();

            assertThat(names).as("the jar is the shaded server").contains("io/printbridge/server/ServerApplication.class");
            assertThat(names).noneMatch(name -> name.startsWith("org/usb4java/"));
            assertThat(names).noneMatch(name -> name.toLowerCase().contains("libusb"));
        }
    }
}
