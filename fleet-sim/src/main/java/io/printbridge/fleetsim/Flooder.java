package io.printbridge.fleetsim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile client of the agents' port: it holds {@code connections} TCP connections from
 * 127.0.0.1 that never speak, and opens a new one for each the server closes (at most {@value
 * #OPENS_PER_SECOND} a second), for as long as it runs. The agents dial from addresses of their own (FleetTransport), so what the server does about
 * one address's flood shows in the storm's figures: with its bound per address
 * (UnauthenticatedConnections) the flood holds a few hundred places; without it, the handshake slots
 * and queue.
 */
final class Flooder implements AutoCloseable {

    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 0);

    /**
     * The most connections it opens a second: it tops its flood up rather than spinning on the
     * connections a bound closes at once, which on this shared machine would measure the flooder's
     * own CPU instead of what the server does.
     */
    private static final int OPENS_PER_SECOND = 1000;

    private final InetSocketAddress server;
    private final int connections;
    private final Selector selector;
    private final Thread thread;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong failedToOpen = new AtomicLong();
    /** Its connections open now, for the summary line: with the server's bound per address, at most that bound for long. */
    private final AtomicInteger held = new AtomicInteger();

    private volatile boolean running = true;

    private Flooder(InetSocketAddress server, int connections) throws IOException {
        this.server = server;
        this.connections = connections;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "fleet-flooder");
        thread.setDaemon(true);
    }

    /** Starts holding {@code connections} silent connections to {@code server}. */
    static Flooder start(InetSocketAddress server, int connections) throws IOException {
        Flooder flooder = new Flooder(server, connections);
        flooder.thread.start();
        return flooder;
    }

    private void run() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        int open = 0;
        long secondStart = System.nanoTime();
        int openedThisSecond = 0;
        while (running) {
            long now = System.nanoTime();
            if (now - secondStart >= 1_000_000_000L) {
                secondStart = now;
                openedThisSecond = 0;
            }
            while (running && open < connections && openedThisSecond < OPENS_PER_SECOND) {
                if (openOne()) {
                    open++;
                    openedThisSecond++;
                    held.set(open);
                } else {
                    break; // the port refuses (or the fds ran out): try again after the next wait
                }
            }
            try {
                selector.select(100);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                sink.clear();
                int read;
                try {
                    read = channel.read(sink);
                } catch (IOException reset) {
                    read = -1;
                }
                if (read < 0) {
                    key.cancel();
                    closeQuietly(channel);
                    closedByServer.incrementAndGet();
                    open--;
                    held.set(open);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private boolean openOne() {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.bind(FROM);
            channel.connect(server);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            opened.incrementAndGet();
            return true;
        } catch (IOException e) {
            failedToOpen.incrementAndGet();
            if (channel != null) {
                closeQuietly(channel);
            }
            return false;
        }
    }

    /** One line for the summary: what the flood opened and what the server closed. */
    String describe() {
        return String.format(
                "flood from 127.0.0.1: %d silent connections wanted, %d held at the end, %d opened, %d closed by the"
                        + " server, %d failed to open",
                connections, held.get(), opened.get(), closedByServer.get(), failedToOpen.get());
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly((SocketChannel) key.channel());
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
