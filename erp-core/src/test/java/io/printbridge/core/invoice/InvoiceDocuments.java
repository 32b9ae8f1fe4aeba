package io.printbridge.core.invoice;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The example documents of the repository (examples/invoices), and small edits of them for tests of one rule at a time. */
final class InvoiceDocuments {
    static final ObjectMapper JSON = new ObjectMapper();

    private InvoiceDocuments() {}

    /**
     * The examples directory: surefire passes {@code examples.invoices.dir}; from an IDE the working
     * directory is the module (erp-core) or the repository.
     */
    static Path dir() {
        String configured = System.getProperty("examples.invoices.dir");
        Stream<Path> candidates = configured != null
                ? Stream.of(Path.of(configured))
                : Stream.of(Path.of("../examples/invoices"), Path.of("examples/invoices"));
        return candidates
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("examples/invoices not found (set -Dexamples.invoices.dir)"));
    }

    /** Names of the files ending in .json in {@code dir}, sorted. */
    static List<String> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, editable copy of an example, e.g. {@code "fr-cash-58mm.json"}. */
    static ObjectNode example(String name) {
        try {
            return (ObjectNode) JSON.readTree(dir().resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The French cash example: 4 lines at 19 %, stamp, cash payment with change. */
    static ObjectNode frCash() {
        return example("fr-cash-58mm.json");
    }

    /** {@code frCash()} with its first line (Millefeuille, 4 × 250.00 at 19 %). */
    static ObjectNode firstLine(ObjectNode document) {
        return (ObjectNode) document.withArray("lines").get(0);
    }

    /**
     * A minimal valid document with one line and the totals given, no payments: for arithmetic
     * tests that must not trip over the example's other lines.
     */
    static ObjectNode oneLine(String quantity, String unitPrice, String taxRate, String amount) {
        ObjectNode document = frCash();
        document.remove(List.of("payments", "change"));
        ArrayNode lines = document.putArray("lines");
        lines.addObject()
                .put("description", "Article")
                .put("quantity", quantity)
                .put("unitPrice", unitPrice)
                .put("taxRate", taxRate)
                .put("amount", amount);
        return document;
    }

    /** Sets the totals with one tax entry. */
    static ObjectNode totals(
            ObjectNode document, String net, String rate, String base, String tax, String stamp, String total) {
        ObjectNode totals = document.putObject("totals");
        totals.put("net", net);
        totals.putArray("taxes").addObject().put("rate", rate).put("base", base).put("amount", tax);
        totals.put("stamp", stamp).put("total", total);
        return document;
    }

    static Invoice parse(JsonNode document) {
        return new InvoiceParser().parse(document);
    }

    /** The refusal of {@code document}; fails the test if it parses. */
    static InvoiceValidationException refusal(JsonNode document) {
        InvoiceValidationException refusal =
                catchThrowableOfType(InvoiceValidationException.class, () -> parse(document));
        if (refusal == null) {
            throw new AssertionError("expected the document to be refused: " + document);
        }
        return refusal;
    }
}
