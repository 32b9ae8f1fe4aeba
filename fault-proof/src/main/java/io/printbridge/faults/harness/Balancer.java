package io.printbridge.faults.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer in front of several servers' gRPC ports, as a shop's stream meets one in
 * production: each new connection goes to the next server in turn that accepts it (a server that
 * is down is skipped), and then carries bytes both ways until either side closes. It knows nothing
 * of TLS or gRPC: the agents' mutual TLS runs through it end to end.
 *
 * <p>Two threads per connection: a few dozen agents do not need more.
 */
final class Balancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 1000;

    private final ServerSocket listener;
    private final List<InetSocketAddress> backends;
    private final AtomicInteger next = new AtomicInteger();
    /** Each open client connection, with the server it went to. */
    private final Map<Socket, Integer> routed = new ConcurrentHashMap<>();

    private final AtomicInteger[] connections;
    /** Connections each server was given since the start: more than one per shop means shops moved. */
    private final AtomicInteger[] routedSinceStart;

    private Balancer(ServerSocket listener, List<InetSocketAddress> backends) {
        this.listener = listener;
        this.backends = List.copyOf(backends);
        this.connections = new AtomicInteger[backends.size()];
        this.routedSinceStart = new AtomicInteger[backends.size()];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new AtomicInteger();
            routedSinceStart[i] = new AtomicInteger();
        }
    }

    static Balancer start(List<InetSocketAddress> backends) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        Balancer balancer = new Balancer(listener, backends);
        Thread accept = new Thread(balancer::acceptLoop, "balancer");
        accept.setDaemon(true);
        accept.start();
        return balancer;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections each server has through here now, in the order of the backends. */
    int[] connectionsPerServer() {
        int[] counts = new int[connections.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = connections[i].get();
        }
        return counts;
    }

    /** How many connections each server was given since the start, in the order of the backends. */
    List<Integer> routedPerServer() {
        return java.util.Arrays.stream(routedSinceStart).map(AtomicInteger::get).toList();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread route = new Thread(() -> route(client), "balancer-route");
            route.setDaemon(true);
            route.start();
        }
    }

    private void route(Socket client) {
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int tried = 0; tried < backends.size(); tried++) {
            int index = (first + tried) % backends.size();
            Socket server = new Socket();
            try {
                server.connect(backends.get(index), CONNECT_TIMEOUT_MS);
            } catch (IOException down) {
                closeQuietly(server);
                continue;
            }
            routed.put(client, index);
            connections[index].incrementAndGet();
            routedSinceStart[index].incrementAndGet();
            pipe(client, server, "up");
            pipe(server, client, "down");
            return;
        }
        closeQuietly(client); // every server is down: the agent backs off and dials again
    }

    private void pipe(Socket from, Socket to, String direction) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, read);
                        }
                    } catch (IOException e) {
                        // either side closed or reset
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        Integer index = routed.remove(direction.equals("up") ? from : to);
                        if (index != null) {
                            connections[index].decrementAndGet();
                        }
                    }
                },
                "balancer-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        routed.keySet().forEach(Balancer::closeQuietly);
    }
}
