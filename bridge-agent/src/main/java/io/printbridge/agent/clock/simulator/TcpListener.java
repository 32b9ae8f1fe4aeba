package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.zk.ZkFormatException;
import io.printbridge.agent.clock.zk.ZkLimits;
import io.printbridge.agent.clock.zk.ZkPacket;
import io.printbridge.agent.clock.zk.ZkTcpFrame;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated clock's TCP side: one thread per connection, at most {@link #MAX_CONNECTIONS} at
 * once (a real clock takes few). A frame that is not the protocol or is too large ends the
 * connection; a packet with a bad checksum is ignored, as clocks do.
 */
final class TcpListener implements AutoCloseable {

    static final int MAX_CONNECTIONS = 16;

    /** A client silent this long is dropped, as clocks drop idle sessions. */
    private static final int IDLE_MILLIS = 120_000;

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    private static final byte[] GARBAGE = "HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final SessionFactory sessions;
    private final Duration packetGap;
    private final Set<Socket> connections = new HashSet<>();
    private final Thread acceptThread;

    TcpListener(InetSocketAddress address, SessionFactory sessions, Duration packetGap) throws IOException {
        this.sessions = requireNonNull(sessions, "sessions");
        this.packetGap = requireNonNull(packetGap, "packetGap");
        this.server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 50);
        } catch (IOException e) {
            server.close();
            throw new IOException("simulated clock: cannot listen on TCP " + address + ": " + e.getMessage(), e);
        }
        this.acceptThread = new Thread(this::acceptLoop, "zk-clock-tcp-" + server.getLocalPort());
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("simulated clock: TCP accept failed: {}", e.getMessage());
                }
                continue;
            }
            synchronized (connections) {
                if (sessions.rebooting() || connections.size() >= MAX_CONNECTIONS) {
                    closeQuietly(socket);
                    continue;
                }
                connections.add(socket);
            }
            Thread thread = new Thread(() -> serve(socket), "zk-clock-tcp-session-" + socket.getPort());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        SimulatedSession session = null;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_MILLIS);
            InputStream in = socket.getInputStream();
            session = sessions.open(new Output(socket, socket.getOutputStream()));
            while (!socket.isClosed()) {
                byte[] prefix = readFully(in, ZkTcpFrame.PREFIX_SIZE);
                int length = ZkTcpFrame.packetLength(prefix, ZkLimits.MAX_TCP_FRAME);
                byte[] bytes = readFully(in, length);
                ZkPacket packet;
                try {
                    packet = ZkPacket.decode(bytes, 0, length);
                } catch (ZkFormatException e) {
                    log.debug("simulated clock: ignoring a packet: {}", e.getMessage());
                    continue;
                }
                session.handle(packet);
            }
        } catch (EOFException e) {
            // the client left
        } catch (ZkFormatException e) {
            log.info("simulated clock: closing a TCP connection: {}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                log.info("simulated clock: TCP session ended: {}", e.toString());
            }
        } finally {
            if (session != null) {
                sessions.closed(session);
            }
            closeQuietly(socket);
            synchronized (connections) {
                connections.remove(socket);
            }
        }
    }

    /** Closes every connection (a reboot); the listener stays. */
    void dropAll() {
        List<Socket> all;
        synchronized (connections) {
            all = List.copyOf(connections);
        }
        all.forEach(TcpListener::closeQuietly);
    }

    @Override
    public void close() {
        closeQuietly(server);
        dropAll();
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int n = in.read(bytes, done, length - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
        return bytes;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing left to do with it
        }
    }

    /** Frames to one connection; writes are whole frames under a lock, so a live event never splits an answer. */
    private final class Output implements SessionOutput {

        private final Socket socket;
        private final OutputStream out;

        Output(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        @Override
        public void send(ZkPacket packet) throws IOException {
            write(ZkTcpFrame.wrap(packet.encode()), Integer.MAX_VALUE);
        }

        @Override
        public void sendCut(ZkPacket packet, int dataBytes) throws IOException {
            write(ZkTcpFrame.wrap(packet.encode()), ZkTcpFrame.PREFIX_SIZE + ZkPacket.HEADER_SIZE + dataBytes);
        }

        @Override
        public void sendGarbage() throws IOException {
            write(GARBAGE, Integer.MAX_VALUE);
        }

        private void write(byte[] bytes, int upTo) throws IOException {
            synchronized (this) {
                out.write(bytes, 0, Math.min(upTo, bytes.length));
                out.flush();
            }
        }

        @Override
        public void hangUp() {
            closeQuietly(socket);
        }

        @Override
        public boolean datagrams() {
            return false;
        }

        @Override
        public void pace() throws IOException {
            if (packetGap.isZero()) {
                return;
            }
            try {
                Thread.sleep(packetGap.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
