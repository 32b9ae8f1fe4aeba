package io.printbridge.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example invoice documents in {@code ../shared/invoices/}, beside the repository. */
public final class SharedInvoices {

    private SharedInvoices() {}

    public static Path directory() {
        String configured = System.getProperty("shared.invoices.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/invoices");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared invoices not found at " + dir.toAbsolutePath()
                    + " (expected: ../shared/invoices beside the repository)");
        }
        return dir;
    }

    public static List<Path> valid() throws IOException {
        return list(directory());
    }

    public static List<Path> invalid() throws IOException {
        return list(directory().resolve("invalid"));
    }

    public static String read(String name) throws IOException {
        return Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
