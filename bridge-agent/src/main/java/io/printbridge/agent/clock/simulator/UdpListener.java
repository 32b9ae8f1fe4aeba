package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.zk.ZkCommands;
import io.printbridge.agent.clock.zk.ZkFormatException;
import io.printbridge.agent.clock.zk.ZkLimits;
import io.printbridge.agent.clock.zk.ZkPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated clock's UDP side: one thread for all clients, a session per client address,
 * begun by {@code CMD_CONNECT}; at most {@link #MAX_SESSIONS}, the least recently heard from
 * forgotten first. Datagrams from an address without a session are ignored, as after a reboot.
 */
final class UdpListener implements AutoCloseable {

    static final int MAX_SESSIONS = 64;

    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

    private final DatagramSocket socket;
    private final SessionFactory sessions;
    private final Map<SocketAddress, SimulatedSession> byAddress = new LinkedHashMap<>(16, 0.75f, true);
    private final Thread thread;

    UdpListener(InetSocketAddress address, SessionFactory sessions) throws IOException {
        this.sessions = requireNonNull(sessions, "sessions");
        try {
            this.socket = new DatagramSocket(address);
        } catch (IOException e) {
            throw new IOException("simulated clock: cannot listen on UDP " + address + ": " + e.getMessage(), e);
        }
        socket.setSendBufferSize(1 << 20);
        this.thread = new Thread(this::receiveLoop, "zk-clock-udp-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[ZkLimits.MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("simulated clock: UDP receive failed: {}", e.getMessage());
                }
                continue;
            }
            if (sessions.rebooting()) {
                continue;
            }
            try {
                ZkPacket packet = ZkPacket.decode(datagram.getData(), datagram.getOffset(), datagram.getLength());
                SimulatedSession session = sessionFor(datagram.getSocketAddress(), packet);
                if (session != null) {
                    session.handle(packet);
                }
            } catch (ZkFormatException e) {
                log.debug("simulated clock: ignoring a datagram: {}", e.getMessage());
            } catch (IOException | RuntimeException e) {
                log.info("simulated clock: UDP answer failed: {}", e.toString());
            }
        }
    }

    private @Nullable SimulatedSession sessionFor(SocketAddress client, ZkPacket packet) {
        synchronized (byAddress) {
            if (packet.command() == ZkCommands.CONNECT) {
                SimulatedSession old = byAddress.remove(client);
                if (old != null) {
                    sessions.closed(old);
                }
                if (byAddress.size() >= MAX_SESSIONS) {
                    SocketAddress eldest = byAddress.keySet().iterator().next();
                    SimulatedSession evicted = byAddress.remove(eldest);
                    if (evicted != null) {
                        sessions.closed(evicted);
                    }
                }
                SimulatedSession session = sessions.open(new Output(client));
                byAddress.put(client, session);
                return session;
            }
            return byAddress.get(client);
        }
    }

    /** Forgets every client (a reboot). */
    void dropAll() {
        List<SimulatedSession> all;
        synchronized (byAddress) {
            all = List.copyOf(byAddress.values());
            byAddress.clear();
        }
        all.forEach(sessions::closed);
    }

    @Override
    public void close() {
        socket.close();
        dropAll();
    }

    /** Datagrams to one client address. */
    private final class Output implements SessionOutput {

        private final SocketAddress client;

        Output(SocketAddress client) {
            this.client = client;
        }

        @Override
        public void send(ZkPacket packet) throws IOException {
            byte[] bytes = packet.encode();
            socket.send(new DatagramPacket(bytes, bytes.length, client));
        }

        @Override
        public void sendCut(ZkPacket packet, int dataBytes) throws IOException {
            byte[] data = packet.data();
            send(new ZkPacket(
                    packet.command(),
                    packet.sessionId(),
                    packet.replyId(),
                    Arrays.copyOf(data, Math.min(dataBytes, data.length))));
        }

        @Override
        public void sendGarbage() throws IOException {
            // A packet-sized datagram whose checksum is wrong on purpose, so no reader takes it for an answer.
            byte[] bytes =
                    new ZkPacket(ZkCommands.ACK_OK, 0, 0, "garbage".getBytes(StandardCharsets.US_ASCII)).encode();
            bytes[2] ^= 0x5A;
            socket.send(new DatagramPacket(bytes, bytes.length, client));
        }

        @Override
        public void hangUp() {
            SimulatedSession gone;
            synchronized (byAddress) {
                gone = byAddress.remove(client);
            }
            if (gone != null) {
                sessions.closed(gone);
            }
        }

        @Override
        public boolean datagrams() {
            return true;
        }

        @Override
        public void pace() {
            // datagrams are separate messages already
        }
    }
}
