package io.printbridge.server.testing;

import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterState;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterTransport;
import io.printbridge.server.stores.StoreDirectory;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Stores told to the server's directory directly, as the agent streams would tell it, for tests
 * and benchmarks about listing thousands of stores: a real agent per store would cost a TLS stream
 * each, and nothing here is about the streams.
 */
public final class SimulatedStores {

    private SimulatedStores() {}

    /** A printer that is ready. */
    public static final PrinterStatus READY = PrinterStatus.newBuilder()
            .setState(PrinterState.PRINTER_STATE_READY)
            .build();

    /** A printer out of paper. */
    public static final PrinterStatus PAPER_OUT = PrinterStatus.newBuilder()
            .setState(PrinterState.PRINTER_STATE_NOT_READY)
            .setPaperEnd(true)
            .setDetail("paper out")
            .build();

    /** An agent's Hello from {@code hostname} with one receipt printer in {@code status}. */
    public static Hello hello(String hostname, PrinterStatus status) {
        return Hello.newBuilder()
                .setAgentVersion("0.1.0")
                .setProtocolVersion(3)
                .setHostname(hostname)
                .addPrinters(Printer.newBuilder()
                        .setName("receipt")
                        .setIsDefault(true)
                        .setTransport(PrinterTransport.PRINTER_TRANSPORT_VIRTUAL)
                        .setCapabilities(PrinterCapabilities.newBuilder()
                                .setPaperWidthMm(80)
                                .setColumns(48)
                                .setCodePageProfile("epson")
                                .setCanReadStatus(true))
                        .setStatus(status))
                .build();
    }

    /** {@code storeId}'s agent connects (and stays online unless {@code online} is false). */
    public static void connect(
            StoreDirectory directory,
            String storeId,
            String hostname,
            PrinterStatus status,
            @Nullable Instant certificateExpiresAt,
            boolean online) {
        Instant now = Instant.now();
        directory.connected(storeId, hello(hostname, status), now, certificateExpiresAt);
        if (!online) {
            directory.disconnected(storeId, now);
        }
    }
}
