package io.printbridge.agent.printer.spooler;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.PrinterTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.standard.JobName;
import org.jspecify.annotations.Nullable;

/**
 * A printer that stays on its vendor driver, reached through the Windows spooler (or CUPS) by
 * queue name: each write is one raw job ({@link DocFlavor.BYTE_ARRAY#AUTOSENSE}, which the
 * spooler passes to the printer untouched). The spooler gives no way to hear the printer, so
 * status cannot be read: {@link #canReadStatus()} is false and nothing is refused for paper
 * out; the receipt waits in the queue instead.
 *
 * <p>The queue is looked up at the first write, and again after a failure, so a printer
 * installed after the agent started is found.
 */
public final class SpoolerPrinterTransport implements PrinterTransport {

    private static final DocFlavor RAW = DocFlavor.BYTE_ARRAY.AUTOSENSE;

    private final String queueName;
    private final Supplier<PrintService[]> lookup;
    private @Nullable PrintService service;

    /** The queue named exactly {@code queueName} (or, failing that, the only one named so in another case). */
    public SpoolerPrinterTransport(String queueName) {
        this(queueName, () -> PrintServiceLookup.lookupPrintServices(null, null));
    }

    /** @param lookup the installed print queues (the system's, or a test's) */
    SpoolerPrinterTransport(String queueName, Supplier<PrintService[]> lookup) {
        this.queueName = requireNonNull(queueName, "queueName");
        if (queueName.isBlank()) {
            throw new IllegalArgumentException(
                    "queueName: \"" + queueName + "\" (expected: the printer's name as Windows" + " or CUPS shows it)");
        }
        this.lookup = requireNonNull(lookup, "lookup");
    }

    /** Sends {@code data} as one raw job. Returns when the spooler has the job, not when it is on paper. */
    @Override
    public void write(byte[] data) throws IOException {
        requireNonNull(data, "data");
        PrintService queue = queue();
        DocPrintJob job = queue.createPrintJob();
        PrintRequestAttributeSet attributes = new HashPrintRequestAttributeSet();
        attributes.add(new JobName("printbridge receipt", Locale.ROOT));
        try {
            job.print(new SimpleDoc(data, RAW, null), attributes);
        } catch (PrintException e) {
            service = null; // look the queue up again next time: it may have been removed or renamed
            throw new IOException("spooler queue \"" + queueName + "\" refused the job: " + e.getMessage(), e);
        }
    }

    /** Nothing comes back through a spooler: -1 at once, without waiting. */
    @Override
    public int read(Duration timeout) {
        return -1;
    }

    @Override
    public void discardInput() {
        // nothing to discard
    }

    @Override
    public boolean canReadStatus() {
        return false;
    }

    @Override
    public String describe() {
        return "spooler queue \"" + queueName + "\" (status cannot be read through the spooler)";
    }

    @Override
    public void close() {
        service = null;
    }

    private PrintService queue() throws IOException {
        PrintService current = service;
        if (current == null) {
            current = find(queueName, List.of(lookup.get()));
            service = current;
        }
        return current;
    }

    /** Exact name first; Windows treats printer names case-insensitively, so a unique case-insensitive match next. */
    static PrintService find(String queueName, List<PrintService> queues) throws IOException {
        for (PrintService queue : queues) {
            if (queue.getName().equals(queueName)) {
                return requireRaw(queue);
            }
        }
        List<PrintService> similar = queues.stream()
                .filter(q -> q.getName().equalsIgnoreCase(queueName))
                .collect(Collectors.toList());
        if (similar.size() == 1) {
            return requireRaw(similar.get(0));
        }
        String names = queues.isEmpty()
                ? "none: no printer is installed"
                : queues.stream().map(q -> "\"" + q.getName() + "\"").sorted().collect(Collectors.joining(", "));
        throw new IOException("spooler queue \"" + queueName + "\" not found (expected one of the installed printers: "
                + names + ")");
    }

    private static PrintService requireRaw(PrintService queue) throws IOException {
        if (!queue.isDocFlavorSupported(RAW)) {
            throw new IOException("spooler queue \"" + queue.getName() + "\" does not take raw jobs (it supports: "
                    + Arrays.stream(queue.getSupportedDocFlavors())
                            .map(DocFlavor::toString)
                            .collect(Collectors.joining(", "))
                    + "); on CUPS, create the queue with the raw driver");
        }
        return queue;
    }
}
