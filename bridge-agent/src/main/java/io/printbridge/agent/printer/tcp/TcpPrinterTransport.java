package io.printbridge.agent.printer.tcp;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.PrinterTransport;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network printer on raw TCP (port 9100): bytes go to the socket as they are, status replies
 * come back on the same socket.
 *
 * <p>Connects on first use, and again on the next call after any I/O failure. Before a write or
 * a discard it also looks whether the printer closed the connection since the last call (a
 * printer that restarted, or that drops idle clients) and reconnects first, so a receipt is not
 * written into a dead connection where the kernel would accept it and the printer never see it.
 *
 * <p>Every wait is bounded by NIO with a selector (see {@link TcpConnection}) rather than by a
 * blocking socket: a blocking socket has a read timeout (SO_TIMEOUT) but no write timeout, and a
 * printer that stops reading would hold the printer's worker forever. The write fails when the
 * printer accepted no byte for {@code writeTimeout}, so a long job to a slow printer that keeps
 * draining its buffer is not cut off. A watchdog that closes a blocking socket would also work,
 * but needs a thread per transport and races with the write it ends.
 *
 * <p>Not thread-safe: the printer's own worker uses it.
 */
public final class TcpPrinterTransport implements PrinterTransport {

    private static final Logger log = LoggerFactory.getLogger(TcpPrinterTransport.class);

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    private final String address;
    private @Nullable TcpConnection connection;

    /**
     * @param connectTimeout how long to wait for the printer to accept the connection
     * @param writeTimeout how long a write may make no progress before it fails
     */
    public TcpPrinterTransport(String host, int port, Duration connectTimeout, Duration writeTimeout) {
        this.host = requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: \"" + host + "\" (expected: a host name or IP address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535, usually 9100)");
        }
        this.port = port;
        this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
        this.writeTimeout = requirePositive(writeTimeout, "writeTimeout");
        this.address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void write(byte[] data) throws IOException {
        requireNonNull(data, "data");
        TcpConnection open = connection();
        try {
            open.write(data, writeTimeout);
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    @Override
    public int read(Duration timeout) throws IOException {
        requireNonNull(timeout, "timeout");
        // No reconnecting here: an answer to what was written cannot come on a new connection, and
        // a connection the printer closed should fail the read (OFFLINE), not time out (UNKNOWN).
        TcpConnection current = connection;
        TcpConnection open = current != null ? current : connection();
        try {
            return open.read(timeout);
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    @Override
    public void discardInput() throws IOException {
        TcpConnection open = connection();
        try {
            open.discardInput();
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    @Override
    public boolean canReadStatus() {
        return true;
    }

    @Override
    public String describe() {
        return "tcp " + address;
    }

    @Override
    public void close() {
        disconnect();
    }

    /** The open connection, after connecting if there was none or the printer closed it. */
    private TcpConnection connection() throws IOException {
        TcpConnection current = connection;
        if (current != null && current.closedByPeer()) {
            log.info("printer at {} closed the connection; reconnecting", address);
            disconnect();
            current = null;
        }
        if (current == null) {
            current = TcpConnection.open(host, port, address, connectTimeout);
            connection = current;
        }
        return current;
    }

    private void disconnect() {
        TcpConnection current = connection;
        connection = null;
        if (current != null) {
            current.close();
        }
    }

    private static Duration requirePositive(Duration value, String name) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value.toMillis() + " ms (expected: more than 0)");
        }
        return value;
    }
}
