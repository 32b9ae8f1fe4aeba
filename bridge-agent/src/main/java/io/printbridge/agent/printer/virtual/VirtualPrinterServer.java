package io.printbridge.agent.printer.virtual;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VirtualPrinter} behind a TCP port, as a network printer on port 9100 would be: it
 * feeds what a client sends to the printer and sends the printer's status replies back.
 *
 * <p>It serves one client at a time, like most real network printers; the next one waits in the
 * listen backlog until the current one leaves. Faults are set on {@link #printer()}; the server
 * adds the one fault that belongs to the connection, {@link #dropConnection()}.
 */
public final class VirtualPrinterServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VirtualPrinterServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final VirtualPrinter printer;
    private final ServerSocket serverSocket;
    private final Consumer<byte[]> onReceive;
    private final Thread thread;
    private final Object lock = new Object();
    private @Nullable Socket client;
    private int connections;

    private VirtualPrinterServer(VirtualPrinter printer, ServerSocket serverSocket, Consumer<byte[]> onReceive) {
        this.printer = printer;
        this.serverSocket = serverSocket;
        this.onReceive = onReceive;
        this.thread = new Thread(this::acceptLoop, "virtual-printer-" + serverSocket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Listens on {@code address} (port 0 picks a free port: see {@link #port()}) and starts serving. */
    public static VirtualPrinterServer start(VirtualPrinter printer, InetSocketAddress address) throws IOException {
        return start(printer, address, bytes -> {});
    }

    /**
     * As {@link #start(VirtualPrinter, InetSocketAddress)}, also handing every chunk received to
     * {@code onReceive} on the server's thread (the console front end shows them).
     */
    public static VirtualPrinterServer start(
            VirtualPrinter printer, InetSocketAddress address, Consumer<byte[]> onReceive) throws IOException {
        requireNonNull(printer, "printer");
        requireNonNull(address, "address");
        requireNonNull(onReceive, "onReceive");
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(address, 1);
        } catch (IOException e) {
            serverSocket.close();
            throw new IOException("virtual printer: cannot listen on " + address + ": " + e.getMessage(), e);
        }
        VirtualPrinterServer server = new VirtualPrinterServer(printer, serverSocket, onReceive);
        server.thread.start();
        return server;
    }

    public VirtualPrinter printer() {
        return printer;
    }

    /** The port it listens on (the one picked when started with port 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** How many clients have connected so far. */
    public int connections() {
        synchronized (lock) {
            return connections;
        }
    }

    /**
     * Closes the current client's socket now, as a printer that is switched off or loses its
     * network would. The server keeps listening for the next client.
     *
     * @return false when no client was connected
     */
    public boolean dropConnection() {
        Socket current;
        synchronized (lock) {
            current = client;
            client = null;
        }
        if (current == null) {
            return false;
        }
        closeQuietly(current);
        return true;
    }

    /** Stops listening and drops the current client; waits a little for the server thread to end. */
    @Override
    public void close() {
        closeQuietly(serverSocket);
        dropConnection();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    log.warn("virtual printer on port {}: accept failed: {}", port(), e.getMessage());
                }
                continue;
            }
            synchronized (lock) {
                client = socket;
                connections++;
            }
            serve(socket);
            synchronized (lock) {
                if (client == socket) {
                    client = null;
                }
            }
            closeQuietly(socket);
        }
    }

    /**
     * Reads until the client leaves or is dropped. Replies are sent right after the bytes that
     * asked for them: the printer answers {@code DLE EOT} while it takes the bytes in, so one
     * thread per client suffices.
     */
    private void serve(Socket socket) {
        printer.discardReplies(); // answers meant for the previous client
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        try (InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // Listener first: whoever sees the bytes printed knows the listener has them too.
                onReceive.accept(Arrays.copyOf(buffer, read));
                printer.receive(buffer, 0, read);
                int reply;
                while ((reply = printer.nextReply(Duration.ZERO)) >= 0) {
                    replies.write(reply);
                }
                if (replies.size() > 0) {
                    out.write(replies.toByteArray());
                    out.flush();
                    replies.reset();
                }
            }
        } catch (SocketException e) {
            // dropped by dropConnection() or reset by the client: either way this client is gone
        } catch (IOException e) {
            log.warn("virtual printer on port {}: connection failed: {}", port(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }
}
