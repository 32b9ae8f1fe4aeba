package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Packets over TCP, each in a {@link ZkTcpFrame}. A frame that has begun must end within the
 * endpoint's timeout: one that stops half way leaves the stream out of step, so the link is spent.
 */
final class ZkTcpLink implements ZkLink {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String address;
    private final Duration timeout;
    private boolean broken;

    private ZkTcpLink(Socket socket, String address, Duration timeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.address = address;
        this.timeout = timeout;
    }

    static ZkTcpLink open(ClockEndpoint endpoint) throws ClockException {
        requireNonNull(endpoint, "endpoint");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis(endpoint.timeout()));
            return new ZkTcpLink(socket, endpoint.address(), endpoint.timeout());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ClockException(
                    Kind.OFFLINE, endpoint.address() + ": cannot connect over TCP: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(ZkPacket packet) throws ClockException {
        requireWhole();
        try {
            out.write(ZkTcpFrame.wrap(packet.encode()));
            out.flush();
        } catch (IOException e) {
            throw fail(Kind.OFFLINE, "sending " + ZkCommands.name(packet.command()) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public @Nullable ZkPacket receive(long deadlineNanos) throws ClockException {
        requireWhole();
        byte[] prefix = new byte[ZkTcpFrame.PREFIX_SIZE];
        try {
            int first = readFirstByte(deadlineNanos);
            if (first < 0) {
                return null;
            }
            prefix[0] = (byte) first;
            long frameDeadline = System.nanoTime() + timeout.toNanos();
            readFully(prefix, 1, prefix.length - 1, frameDeadline);
            int length = ZkTcpFrame.packetLength(prefix, ZkLimits.MAX_TCP_FRAME);
            byte[] packet = new byte[length];
            readFully(packet, 0, length, frameDeadline);
            return ZkPacket.decode(packet, 0, length);
        } catch (ZkFormatException e) {
            throw fail(Kind.PROTOCOL_ERROR, e.getMessage(), null);
        }
    }

    /** The first byte of a frame, or -1 when none came before the deadline. */
    private int readFirstByte(long deadlineNanos) throws ClockException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return -1;
        }
        try {
            socket.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
            int b = in.read();
            if (b < 0) {
                throw fail(Kind.OFFLINE, "the clock closed the connection", null);
            }
            return b;
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            throw fail(Kind.OFFLINE, "connection failed: " + e.getMessage(), e);
        }
    }

    private void readFully(byte[] buffer, int offset, int length, long deadlineNanos) throws ClockException {
        int done = 0;
        try {
            while (done < length) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
                int n = in.read(buffer, offset + done, length - done);
                if (n < 0) {
                    throw fail(
                            Kind.OFFLINE,
                            "the clock closed the connection mid-frame, after " + done + " of " + length + " bytes",
                            null);
                }
                done += n;
            }
        } catch (SocketTimeoutException e) {
            throw fail(
                    Kind.OFFLINE,
                    "frame stopped after " + done + " of " + length + " bytes (expected: the rest within "
                            + timeout.toMillis() + " ms)",
                    e);
        } catch (IOException e) {
            throw fail(Kind.OFFLINE, "connection failed mid-frame: " + e.getMessage(), e);
        }
    }

    private void requireWhole() throws ClockException {
        if (broken) {
            throw new ClockException(Kind.OFFLINE, address + ": the connection already failed");
        }
    }

    private ClockException fail(Kind kind, @Nullable String message, @Nullable Throwable cause) {
        broken = true;
        closeQuietly(socket);
        String text = address + ": " + message;
        return cause == null ? new ClockException(kind, text) : new ClockException(kind, text, cause);
    }

    @Override
    public int chunkSize() {
        return ZkLimits.TCP_CHUNK;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
