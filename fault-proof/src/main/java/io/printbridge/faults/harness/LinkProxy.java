package io.printbridge.faults.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between one store's agent and the server, the shop's internet line: it forwards
 * bytes both ways and, on command, cuts every open connection, stalls them (bytes held, sockets
 * open: a line that stops carrying without closing), or black-holes the line (stalled, and new
 * connections accepted but never carried, closed when the line comes back).
 *
 * <p>Two threads per connection, one per direction: a handful of agents does not need more.
 */
final class LinkProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private boolean stalled;
    private boolean blackHoled;
    private final List<Socket> heldInTheHole = new ArrayList<>();

    private LinkProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    static LinkProxy start(String name, InetSocketAddress upstream) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        LinkProxy proxy = new LinkProxy(listener, upstream);
        Thread accept = new Thread(proxy::acceptLoop, "proxy-" + name);
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Closes every open connection at once: the agent sees its stream fail and dials again. */
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /** Holds every byte in both directions until {@link #heal()}; connections stay open. */
    void stall() {
        synchronized (flow) {
            stalled = true;
        }
    }

    /** Stalls, and holds new connections without carrying them until {@link #heal()} closes them. */
    void blackHole() {
        synchronized (flow) {
            stalled = true;
            blackHoled = true;
        }
    }

    /** Carries bytes again; connections held by a black hole are closed, as a line that comes back drops them. */
    void heal() {
        List<Socket> held;
        synchronized (flow) {
            stalled = false;
            blackHoled = false;
            held = new ArrayList<>(heldInTheHole);
            heldInTheHole.clear();
            flow.notifyAll();
        }
        held.forEach(LinkProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // closed, or a client gone before being accepted
            }
            synchronized (flow) {
                if (blackHoled) {
                    heldInTheHole.add(client);
                    continue;
                }
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, 2000);
            } catch (IOException e) {
                closeQuietly(client); // the server is down: the agent sees a refused line
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            pump(client, server, "up");
            pump(server, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            awaitFlow();
                            out.write(buffer, 0, read);
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // one side closed or was cut: close both below
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        sockets.remove(from);
                        sockets.remove(to);
                    }
                },
                "proxy-" + direction + "-" + from.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitFlow() throws InterruptedException {
        synchronized (flow) {
            while (stalled) {
                flow.wait();
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        heal();
        cut();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing left to do with it
        }
    }
}
