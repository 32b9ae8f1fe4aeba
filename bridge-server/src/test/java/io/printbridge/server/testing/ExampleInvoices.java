package io.printbridge.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example invoice documents in {@code examples/invoices/} of the repository. */
public final class ExampleInvoices {

    private ExampleInvoices() {}

    public static Path directory() {
        String configured = System.getProperty("examples.invoices.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../examples/invoices");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("example invoices not found at " + dir.toAbsolutePath()
                    + " (expected: examples/invoices in the repository)");
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
