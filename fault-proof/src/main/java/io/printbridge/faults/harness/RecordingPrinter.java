package io.printbridge.faults.harness;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A network receipt printer (TCP, as on port 9100) that records what reached its paper and when:
 * the printed bytes, the time each chunk arrived (so the time of any byte is known), and every
 * drawer pulse with its time and where in the printed bytes it came. Its faults are the
 * printer's own: paper out, cover open, offline (none of which print what they are sent) and
 * mute (never answering status).
 */
final class RecordingPrinter implements AutoCloseable {

    /** A pulse as the printer executed it, on its own clock. */
    record Pulse(Instant at, Duration on, int printedBefore) {}

    /** Where a chunk of received bytes began in the printed bytes, and when it came. */
    record Chunk(int printedBefore, Instant at) {}

    /** Everything recorded, copied out. */
    record Recording(String store, String printer, byte[] printed, List<Chunk> chunks, List<Pulse> pulses) {

        /** When the byte at {@code offset} of {@link #printed} arrived. */
        Instant timeOf(int offset) {
            Instant at = chunks.isEmpty() ? Instant.EPOCH : chunks.get(0).at();
            for (Chunk chunk : chunks) {
                if (chunk.printedBefore() > offset) {
                    break;
                }
                at = chunk.at();
            }
            return at;
        }
    }

    private final String store;
    private final String name;
    private final VirtualPrinter printer = new VirtualPrinter();
    private final List<Chunk> chunks = new ArrayList<>();
    private final List<Pulse> pulses = new ArrayList<>();
    private final VirtualPrinterServer server;

    RecordingPrinter(String store, String name) throws IOException {
        this.store = store;
        this.name = name;
        printer.onDrawerKick((kick, printedBefore) -> {
            synchronized (pulses) {
                pulses.add(new Pulse(Instant.now(), kick.on(), printedBefore));
            }
        });
        server = VirtualPrinterServer.start(printer, new InetSocketAddress("127.0.0.1", 0), bytes -> {
            synchronized (chunks) {
                chunks.add(new Chunk(printer.printedLength(), Instant.now()));
            }
        });
    }

    String store() {
        return store;
    }

    String name() {
        return name;
    }

    int port() {
        return server.port();
    }

    void paperOut(boolean value) {
        printer.paperOut(value);
    }

    void coverOpen(boolean value) {
        printer.coverOpen(value);
    }

    void offline(boolean value) {
        printer.offline(value);
    }

    void mute(boolean value) {
        printer.mute(value);
    }

    /**
     * Copies what was recorded. The locks are taken one at a time, never while holding the
     * printer's own (its drawer listener runs under it): the printed bytes last, so they cover
     * every chunk and pulse copied before them.
     */
    Recording recording() {
        List<Chunk> chunksSoFar;
        synchronized (chunks) {
            chunksSoFar = List.copyOf(chunks);
        }
        List<Pulse> pulsesSoFar;
        synchronized (pulses) {
            pulsesSoFar = List.copyOf(pulses);
        }
        return new Recording(store, name, printer.printed(), chunksSoFar, pulsesSoFar);
    }

    @Override
    public void close() {
        server.close();
    }
}
