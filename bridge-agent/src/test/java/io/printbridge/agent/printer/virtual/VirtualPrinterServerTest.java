package io.printbridge.agent.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server with a plain socket as client, so what it does on the wire is seen without the agent's transport. */
class VirtualPrinterServerTest {

    private final VirtualPrinter printer = new VirtualPrinter();
    private final List<byte[]> received = new ArrayList<>();
    private final VirtualPrinterServer server = start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusQueryIsAnsweredOnTheSameSocket() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write(new byte[] {0x10, 0x04, 0x01});

            assertThat(client.getInputStream().read()).isEqualTo(0x12);
        }
    }

    @Test
    void receivedBytesArePrintedAndHandedToTheListener() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(printer.awaitPrinted(6, Duration.ofSeconds(5))).isTrue();
        }
        synchronized (received) {
            assertThat(received).isNotEmpty();
        }
    }

    @Test
    void droppedClientSeesTheConnectionClosed() throws Exception {
        try (Socket client = connect()) {
            client.getOutputStream().write('x'); // wait until it is being served
            assertThat(printer.awaitPrinted(1, Duration.ofSeconds(5))).isTrue();

            assertThat(server.dropConnection()).isTrue();

            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void dropWithoutAClientSaysSo() {
        assertThat(server.dropConnection()).isFalse();
    }

    @Test
    void secondClientIsServedWhenTheFirstLeaves() throws Exception {
        try (Socket first = connect()) {
            first.getOutputStream().write('a');
            assertThat(printer.awaitPrinted(1, Duration.ofSeconds(5))).isTrue();
        }
        try (Socket second = connect()) {
            OutputStream out = second.getOutputStream();
            InputStream in = second.getInputStream();
            out.write(new byte[] {'b', 0x10, 0x04, 0x02});

            assertThat(in.read()).isEqualTo(0x12);
            assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("ab");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    private VirtualPrinterServer start() {
        try {
            return VirtualPrinterServer.start(
                    printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), chunk -> {
                        synchronized (received) {
                            received.add(chunk);
                        }
                    });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5000);
        return socket;
    }
}
