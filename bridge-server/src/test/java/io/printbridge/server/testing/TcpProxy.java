package io.printbridge.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between an agent and the server that a test can cut, like a shop's
 * router dropping every connection at once, or point at another server, like a load balancer.
 * TLS passes through untouched.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    /** Where new connections go: changed by {@link #sendTo}, as a balancer picks another server. */
    private volatile int targetPort;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean refusing;
    /** While true, bytes are read but held, in both directions: a link that stalls without breaking. */
    private volatile boolean stalled;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Sends new connections to {@code port}; those relayed so far stay where they are. */
    public void sendTo(int port) {
        this.targetPort = port;
    }

    /** While true, new connections are closed at once, like a link that is down. */
    public void refuseNew(boolean refuse) {
        this.refusing = refuse;
    }

    /**
     * While true, every connection stalls: what is sent is held, then delivered in order once the
     * stall ends, as a congested or flapping link delivers it late without breaking it.
     */
    public void stall(boolean stall) {
        this.stalled = stall;
    }

    /** Closes every connection relayed so far; new ones are still accepted. */
    public void cutAll() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            while (stalled && !closed) {
                                Thread.sleep(5);
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // one side closed: close the other below
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        try {
                            to.close();
                            from.close();
                        } catch (IOException ignored) {
                            // nothing more to do
                        }
                    }
                },
                "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cutAll();
    }
}
