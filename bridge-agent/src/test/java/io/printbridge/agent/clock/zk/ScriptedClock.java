package io.printbridge.agent.clock.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Function;

/**
 * A TCP peer that answers each packet with whatever bytes the test's script returns: for answers
 * no honest clock (nor the simulator) gives, such as an oversized frame or a lying size.
 */
final class ScriptedClock implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    ScriptedClock(Function<ZkPacket, byte[]> script) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> serve(script), "scripted-clock");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Function<ZkPacket, byte[]> script) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] prefix = in.readNBytes(ZkTcpFrame.PREFIX_SIZE);
                if (prefix.length < ZkTcpFrame.PREFIX_SIZE) {
                    return;
                }
                int length = ZkTcpFrame.packetLength(prefix, ZkLimits.MAX_TCP_FRAME);
                byte[] packet = in.readNBytes(length);
                out.write(script.apply(ZkPacket.decode(packet, 0, packet.length)));
                out.flush();
            }
        } catch (IOException | ZkFormatException e) {
            // the client left, or the test is over
        }
    }

    /** The frame of a reply to the request. */
    static byte[] reply(ZkPacket request, int command, byte[] data) {
        return ZkTcpFrame.wrap(new ZkPacket(command, 77, request.replyId(), data).encode());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
