package io.printbridge.agent.printer.tcp;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One open TCP connection to a printer where every wait is bounded: connect, write and read
 * wait on this connection's own selector with a deadline. Error messages name the printer's
 * {@code host:port} and what failed.
 */
final class TcpConnection implements Closeable {

    /** Largest slice handed to the socket at once: NIO copies a heap slice into a direct buffer of that size. */
    private static final int MAX_WRITE_SLICE = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final String address;
    /**
     * Bytes received but not yet read, in read mode (position = next byte). Filled when
     * {@link #closedByPeer()} looks at the socket, so looking does not lose a status reply.
     */
    private final ByteBuffer inbox = ByteBuffer.allocate(1024).flip();

    private TcpConnection(SocketChannel channel, Selector selector, SelectionKey key, String address) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.address = address;
    }

    /**
     * Resolves {@code host} (again on every connect: a printer's DNS name may point elsewhere
     * after a DHCP renewal) and connects within {@code timeout}.
     */
    static TcpConnection open(String host, int port, String address, Duration timeout) throws IOException {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new UnknownHostException("connect to " + address + " failed: cannot resolve host \"" + host + "\"");
        }
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            // Status queries are 3-byte writes waiting for a 1-byte answer: Nagle would hold them back.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            selector = Selector.open();
            TcpConnection connection = new TcpConnection(channel, selector, channel.register(selector, 0), address);
            if (!channel.connect(target)) {
                if (!connection.await(SelectionKey.OP_CONNECT, deadline(timeout))) {
                    throw new SocketTimeoutException(
                            "connect to " + address + " timed out after " + timeout.toMillis() + " ms");
                }
                channel.finishConnect();
            }
            return connection;
        } catch (ConnectException e) {
            closeQuietly(channel, selector);
            throw new ConnectException("connect to " + address + " refused: nothing listens on that port"
                    + " (wrong address or port, or the printer is off)");
        } catch (SocketTimeoutException e) {
            closeQuietly(channel, selector);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel, selector);
            throw new IOException("connect to " + address + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes all of {@code data}. Fails when the printer accepted no byte at all for
     * {@code stallTimeout}: a long job to a slow printer that keeps reading is not cut off.
     */
    void write(byte[] data, Duration stallTimeout) throws IOException {
        int offset = 0;
        try {
            while (offset < data.length) {
                int written =
                        channel.write(ByteBuffer.wrap(data, offset, Math.min(MAX_WRITE_SLICE, data.length - offset)));
                if (written == 0 && !await(SelectionKey.OP_WRITE, deadline(stallTimeout))) {
                    throw new SocketTimeoutException("write to " + address
                            + " timed out: the printer accepted no data for " + stallTimeout.toMillis() + " ms ("
                            + offset + " of " + data.length + " bytes sent)");
                }
                offset += written;
            }
        } catch (InterruptedIOException e) { // our own timeout, or an interrupt: already says what happened
            throw e;
        } catch (IOException e) {
            throw new IOException(
                    "write to " + address + " failed after " + offset + " of " + data.length + " bytes: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The next byte received, or -1 when none arrives within {@code timeout}. */
    int read(Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        while (!inbox.hasRemaining()) {
            if (fillInbox() < 0) {
                throw new EOFException(address + " closed the connection");
            }
            if (!inbox.hasRemaining() && !await(SelectionKey.OP_READ, deadline)) {
                return -1;
            }
        }
        return inbox.get() & 0xFF;
    }

    /** Throws away what was received and not read, without waiting for more. */
    void discardInput() throws IOException {
        inbox.clear().flip();
        int read;
        while ((read = fillInbox()) > 0) {
            inbox.clear().flip();
        }
        if (read < 0) {
            throw new EOFException(address + " closed the connection");
        }
    }

    /**
     * True when the printer has closed or reset this connection. Looks without waiting and keeps
     * whatever bytes were waiting for {@link #read}.
     */
    boolean closedByPeer() {
        try {
            return fillInbox() < 0;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    /** Moves the bytes the socket has into the inbox: their count, or -1 at end of stream. */
    private int fillInbox() throws IOException {
        inbox.compact();
        try {
            return channel.read(inbox);
        } catch (IOException e) {
            throw new IOException("read from " + address + " failed: " + e.getMessage(), e);
        } finally {
            inbox.flip();
        }
    }

    /** Waits until {@code op} is ready or the deadline passes; false on timeout. */
    private boolean await(int op, long deadlineNanos) throws IOException {
        key.interestOps(op);
        try {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // select(0) would wait forever: round up so a sub-millisecond rest still waits a little.
                int ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
                selector.selectedKeys().clear();
                if (ready > 0 && (key.readyOps() & op) != 0) {
                    return true;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for " + address);
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    @Override
    public void close() {
        closeQuietly(channel, selector);
    }

    private static void closeQuietly(SocketChannel channel, @Nullable Selector selector) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a socket that fails to close
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
