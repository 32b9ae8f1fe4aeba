package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import org.jspecify.annotations.Nullable;

/** Packets over UDP, one per datagram, from a socket connected to the clock (so no one else's datagrams come in). */
final class ZkUdpLink implements ZkLink {

    private final DatagramSocket socket;
    private final String address;
    private final byte[] buffer = new byte[ZkLimits.MAX_DATAGRAM];
    private boolean broken;

    private ZkUdpLink(DatagramSocket socket, String address) {
        this.socket = socket;
        this.address = address;
    }

    static ZkUdpLink open(ClockEndpoint endpoint) throws ClockException {
        requireNonNull(endpoint, "endpoint");
        DatagramSocket socket = null;
        try {
            socket = new DatagramSocket();
            socket.setReceiveBufferSize(1 << 20); // a chunk comes as a burst of datagrams
            InetSocketAddress target = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (target.isUnresolved()) {
                throw new IOException("unknown host " + endpoint.host());
            }
            socket.connect(target);
            return new ZkUdpLink(socket, endpoint.address());
        } catch (IOException e) {
            if (socket != null) {
                socket.close();
            }
            throw new ClockException(
                    Kind.OFFLINE, endpoint.address() + ": cannot open UDP socket: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(ZkPacket packet) throws ClockException {
        requireWhole();
        byte[] bytes = packet.encode();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length));
        } catch (IOException e) {
            throw fail(Kind.OFFLINE, "sending " + ZkCommands.name(packet.command()) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public @Nullable ZkPacket receive(long deadlineNanos) throws ClockException {
        requireWhole();
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return null;
        }
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(Math.max(1, (int) Math.min(Integer.MAX_VALUE, remaining / 1_000_000)));
            socket.receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw fail(Kind.OFFLINE, "receiving failed: " + e.getMessage(), e);
        }
        try {
            return ZkPacket.decode(datagram.getData(), datagram.getOffset(), datagram.getLength());
        } catch (ZkFormatException e) {
            throw fail(Kind.PROTOCOL_ERROR, e.getMessage(), null);
        }
    }

    private void requireWhole() throws ClockException {
        if (broken) {
            throw new ClockException(Kind.OFFLINE, address + ": the connection already failed");
        }
    }

    private ClockException fail(Kind kind, @Nullable String message, @Nullable Throwable cause) {
        broken = true;
        socket.close();
        String text = address + ": " + message;
        return cause == null ? new ClockException(kind, text) : new ClockException(kind, text, cause);
    }

    @Override
    public int chunkSize() {
        return ZkLimits.UDP_CHUNK;
    }

    @Override
    public void close() {
        socket.close();
    }
}
