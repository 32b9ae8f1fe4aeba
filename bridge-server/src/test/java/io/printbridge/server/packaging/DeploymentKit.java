package io.printbridge.server.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The VPS kit as shipped: its files in {@code src/dist} and the tarball {@code package} built from them. */
final class DeploymentKit {

    static final Path DIST = Path.of("src/dist");
    static final Path UNIT = DIST.resolve("systemd/printbridge-server.service");
    static final Path ENV_FILE = DIST.resolve("config/bridge-server.env");

    private DeploymentKit() {}

    /** {@code target/bridge-server-<version>-dist.tar.gz}. */
    static Path tarball() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("bridge-server-.*-dist\\.tar\\.gz"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no bridge-server-*-dist.tar.gz in target/ (expected: built by package)"));
        }
    }

    /** The unit's one value of {@code key}, e.g. {@code TimeoutStopSec}. */
    static String unitValue(String key) throws IOException {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(Files.readString(UNIT));
        if (!value.find()) {
            throw new AssertionError(UNIT + " has no " + key + "=");
        }
        return value.group(1).strip();
    }

    /** The unit's {@code TimeoutStopSec}, in seconds as written there. */
    static Duration timeoutStopSec() throws IOException {
        return Duration.ofSeconds(Long.parseLong(unitValue("TimeoutStopSec")));
    }

    /** The environment file's settings, in order (comments and blank lines left out). */
    static Map<String, String> environmentFile(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new AssertionError(file + ": \"" + line + "\" (expected: VARIABLE=value or a # comment)");
            }
            String value = text.substring(equals + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            settings.put(text.substring(0, equals), value);
        }
        return settings;
    }
}
