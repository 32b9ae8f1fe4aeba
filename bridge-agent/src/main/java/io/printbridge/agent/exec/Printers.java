package io.printbridge.agent.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent's printers by name, with the one that takes commands naming no printer. */
public final class Printers implements AutoCloseable {

    private final Map<String, PrinterWorker> byName = new LinkedHashMap<>();
    private final PrinterWorker defaultPrinter;

    public Printers(List<PrinterWorker> workers) {
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("printers: none configured (expected: at least one)");
        }
        PrinterWorker chosen = null;
        for (PrinterWorker worker : workers) {
            String name = worker.printer().name();
            if (byName.put(name, worker) != null) {
                throw new IllegalArgumentException(
                        "printer name \"" + name + "\" is used twice (expected: unique names)");
            }
            if (worker.printer().settings().isDefault()) {
                if (chosen != null) {
                    throw new IllegalArgumentException(
                            "printers \"" + chosen.printer().name() + "\" and \"" + name
                                    + "\" are both marked default (expected: exactly one)");
                }
                chosen = worker;
            }
        }
        // With a single printer there is no doubt which one is the default.
        this.defaultPrinter = chosen != null ? chosen : workers.get(0);
    }

    /** The printer called {@code name}; an empty name means the default printer. */
    public Optional<PrinterWorker> find(String name) {
        return name.isEmpty() ? Optional.of(defaultPrinter) : Optional.ofNullable(byName.get(name));
    }

    public PrinterWorker defaultPrinter() {
        return defaultPrinter;
    }

    public List<PrinterWorker> all() {
        return List.copyOf(byName.values());
    }

    @Override
    public void close() {
        byName.values().forEach(PrinterWorker::close);
    }
}
