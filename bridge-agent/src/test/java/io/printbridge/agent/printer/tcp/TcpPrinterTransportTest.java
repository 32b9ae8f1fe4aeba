package io.printbridge.agent.printer.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TCP transport against the virtual printer served over real TCP on loopback. */
class TcpPrinterTransportTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(5);

    private final VirtualPrinter device = new VirtualPrinter();
    private final VirtualPrinterServer server = startServer(device, 0);
    private final TcpPrinterTransport transport = transportTo(server.port());
    private final EscPosPrinter printer =
            new EscPosPrinter(PrinterSettings.receipt("receipt", true), transport, Clock.systemUTC());

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    @Test
    void receiptWithARasterLogoArrivesByteForByte() throws Exception {
        byte[] receipt = receiptWithRaster(72, 400);

        printer.print(receipt, false);

        assertThat(device.awaitPrinted(receipt.length, ARRIVAL)).isTrue();
        assertThat(device.printed()).isEqualTo(receipt);
    }

    @Test
    void printAfterTheConnectionWasDroppedReconnectsAndDeliversTheReceipt() throws Exception {
        printer.print(ascii("one\n"), false);
        assertThat(device.awaitPrinted(4, ARRIVAL)).isTrue();

        assertThat(server.dropConnection()).isTrue();
        printer.print(ascii("two\n"), false);

        assertThat(device.awaitPrinted(8, ARRIVAL)).isTrue();
        assertThat(new String(device.printed(), StandardCharsets.US_ASCII)).isEqualTo("one\ntwo\n");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void printerSwitchedOffAndOnAgainIsReachedOnTheNextCall() throws Exception {
        int port = server.port();
        server.close();
        assertThatThrownBy(() -> transport.write(ascii("lost\n"))).isInstanceOf(ConnectException.class);

        try (VirtualPrinterServer restarted = startServer(device, port)) {
            assertThat(restarted.port()).isEqualTo(port);
            transport.write(ascii("back\n"));

            assertThat(device.awaitPrinted(5, ARRIVAL)).isTrue();
            assertThat(new String(device.printed(), StandardCharsets.US_ASCII)).isEqualTo("back\n");
        }
    }

    @Test
    void slowPrinterStillGetsEveryByte() throws Exception {
        device.delayPerWrite(Duration.ofMillis(30));
        byte[] receipt = ascii("a long receipt line, again and again\n".repeat(1500));

        printer.print(receipt, false);

        assertThat(device.awaitPrinted(receipt.length, ARRIVAL)).isTrue();
        assertThat(device.printed()).isEqualTo(receipt);
    }

    @Test
    void connectToAClosedPortFailsFastNamingHostAndPort() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        TcpPrinterTransport nowhere = transportTo(closedPort);
        long started = System.nanoTime();

        assertThatThrownBy(() -> nowhere.write(ascii("x")))
                .isInstanceOf(ConnectException.class)
                .hasMessage("connect to 127.0.0.1:" + closedPort + " refused: nothing listens on that port"
                        + " (wrong address or port, or the printer is off)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void connectThatIsNeverAnsweredTimesOutNamingHostAndPort() throws Exception {
        // A listener whose accept queue is full drops further SYNs: the connect is never answered.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    s.connect(full.getLocalSocketAddress(), 200);
                    queued.add(s);
                }
            } catch (SocketTimeoutException queueIsFull) {
                // the queue took fewer than three: good, it is full
            }
            TcpPrinterTransport unanswered = new TcpPrinterTransport(
                    "127.0.0.1", full.getLocalPort(), Duration.ofMillis(200), Duration.ofSeconds(1));

            assertThatThrownBy(() -> unanswered.write(ascii("x")))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("connect to 127.0.0.1:" + full.getLocalPort() + " timed out after 200 ms");
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void peerThatNeverReadsMakesTheWriteTimeOutInsteadOfHanging() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(4096); // inherited by the accepted socket: fills up quickly
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            TcpPrinterTransport toDeaf = new TcpPrinterTransport(
                    "127.0.0.1", deaf.getLocalPort(), Duration.ofSeconds(1), Duration.ofMillis(300));
            byte[] tooMuch = new byte[32 * 1024 * 1024];
            long started = System.nanoTime();

            assertThatThrownBy(() -> toDeaf.write(tooMuch))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessageStartingWith("write to 127.0.0.1:" + deaf.getLocalPort()
                            + " timed out: the printer accepted no data for 300 ms (")
                    .hasMessageEndingWith(" of " + tooMuch.length + " bytes sent)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            toDeaf.close();
        }
    }

    @Test
    void describeNamesTheAddress() {
        assertThat(new TcpPrinterTransport("10.0.0.5", 9100, Duration.ofSeconds(3), Duration.ofSeconds(10)).describe())
                .isEqualTo("tcp 10.0.0.5:9100");
    }

    @Test
    void portOutsideTheTcpRangeIsRefusedNamingIt() {
        assertThatThrownBy(
                        () -> new TcpPrinterTransport("10.0.0.5", 91000, Duration.ofSeconds(3), Duration.ofSeconds(10)))
                .hasMessage("port: 91000 (expected: 1 to 65535, usually 9100)");
    }

    static VirtualPrinterServer startServer(VirtualPrinter device, int port) {
        try {
            return VirtualPrinterServer.start(device, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TcpPrinterTransport transportTo(int port) {
        return new TcpPrinterTransport("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Text, a {@code GS v 0} raster of random pixels (which contain DLE EOT patterns), a cut. */
    private static byte[] receiptWithRaster(int widthBytes, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("\u001B@Bonjour\n"));
        out.writeBytes(new byte[] {0x1D, 'v', '0', 0, (byte) widthBytes, 0, (byte) (rows & 0xFF), (byte) (rows >> 8)});
        byte[] pixels = new byte[widthBytes * rows];
        new Random(42).nextBytes(pixels);
        out.writeBytes(pixels);
        out.writeBytes(ascii("Merci\n\u001DVB\u0003"));
        return out.toByteArray();
    }
}
