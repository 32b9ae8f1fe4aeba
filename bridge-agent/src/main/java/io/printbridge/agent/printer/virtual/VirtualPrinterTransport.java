package io.printbridge.agent.printer.virtual;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.PrinterTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/** Connects the agent to a {@link VirtualPrinter} in the same process. */
public final class VirtualPrinterTransport implements PrinterTransport {

    private final VirtualPrinter printer;

    public VirtualPrinterTransport(VirtualPrinter printer) {
        this.printer = requireNonNull(printer, "printer");
    }

    public VirtualPrinter printer() {
        return printer;
    }

    @Override
    public void write(byte[] data) {
        printer.receive(data);
    }

    @Override
    public int read(Duration timeout) throws IOException {
        try {
            return printer.nextReply(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the virtual printer");
        }
    }

    @Override
    public void discardInput() {
        printer.discardReplies();
    }

    @Override
    public boolean canReadStatus() {
        return true;
    }

    @Override
    public String describe() {
        return "virtual printer (in process)";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
