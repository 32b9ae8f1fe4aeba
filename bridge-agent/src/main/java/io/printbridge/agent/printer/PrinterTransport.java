package io.printbridge.agent.printer;

import java.io.IOException;
import java.time.Duration;

/**
 * How bytes reach one printer and how its answers come back: in process (virtual), a TCP
 * socket (port 9100), USB bulk endpoints, or a spooler queue. Implementations open lazily and
 * reopen after a failure; one thread uses a transport at a time (the printer's own worker).
 */
public interface PrinterTransport extends AutoCloseable {

    /** Writes all of {@code data}, or throws; a failure part-way leaves the paper in an unknown state. */
    void write(byte[] data) throws IOException;

    /**
     * Reads one byte the printer sent, waiting at most {@code timeout}.
     *
     * @return the byte (0-255), or -1 when nothing arrived in time
     */
    int read(Duration timeout) throws IOException;

    /** Throws away bytes the printer sent that nobody read (late or unsolicited answers). */
    void discardInput() throws IOException;

    /** False for transports that cannot hear the printer (a spooler queue). */
    boolean canReadStatus();

    /** What this transport is, for logs and error messages ("tcp 10.0.0.5:9100"). */
    String describe();

    @Override
    void close();
}
