package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.dashboard.DashboardClient;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.http.RestConnectionLimit;
import io.printbridge.server.testing.Bridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST port at its bound on connections (here 3), on raw sockets against a real server: a client
 * that only holds connections open cannot keep a working one out (the one idle the longest gives way),
 * and when every connection held is answering a request, a new one gets a clear {@code 503} with
 * {@code Retry-After} instead of waiting, until one of them ends.
 */
class RestConnectionBoundTest {

    private static final String STORE = "rest-bound-01";
    private static final int BOUND = 3;

    @TempDir
    static Path dir;

    private static final String PASSWORD = "rest-port-full-dashboard";

    static Bridge bridge;
    static RestConnectionLimit limit;
    static DashboardClient dashboard;

    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of(STORE),
                Map.of(
                        "bridge.http.max-connections",
                        BOUND,
                        // Silent and pooled connections give way at once (2 s and 30 s by default:
                        // RestConnectionLimitTest).
                        "bridge.http.silent-to-close",
                        "0s",
                        "bridge.http.idle-to-close",
                        "0s"));
        limit = bridge.server().getBean(RestConnectionLimit.class);
        bridge.server().getBean(DashboardUsers.class).create("test", "samia", PASSWORD, Role.VIEWER, "fr", "UTC");
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @AfterEach
    void closeSockets() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        // The dashboard's client may keep an idle connection; what must be gone are the answering ones.
        HandshakeDeadlinesTest.await(() -> limit.answering() == 0, "no REST connection of the test answering");
    }

    @Test
    void connectionsHeldOpenAndSilentGiveWayToAWorkingOne() throws Exception {
        assertThat(limit.maxConnections()).isEqualTo(BOUND);
        long idleClosedBefore = limit.idleClosed();
        long refusedBefore = limit.refused();
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            silent.add(connect());
        }
        // All twelve taken (nine of them closed for the next) before the working one comes: the
        // server admits connections on several loops, so a working one sent earlier could be taken
        // before some silent ones, and, silent itself until its request is read, give way to them.
        HandshakeDeadlinesTest.await(() -> limit.idleClosed() - idleClosedBefore >= 9, "twelve silent taken");

        Socket working = connect();
        send(working, "GET /health HTTP/1.1\r\nHost: bridge\r\n\r\n");
        assertThat(readHead(working)).startsWith("HTTP/1.1 200");

        // Never more than the bound open: of the 13, the working one and at most two silent ones.
        HandshakeDeadlinesTest.await(
                () -> limit.idleClosed() - idleClosedBefore >= 10, "ten silent connections closed");
        assertThat(limit.connections()).isLessThanOrEqualTo(BOUND);
        assertThat(closedByTheServer(silent, 10)).isGreaterThanOrEqualTo(10);
        assertThat(limit.refused()).as("connections refused").isEqualTo(refusedBefore);
    }

    @Test
    void whenEveryConnectionIsAnsweringANewOneIsAnswered503UntilOneEnds() throws Exception {
        // Nothing refused yet (only this test fills the port): the dashboard says nothing of it.
        dashboard = new DashboardClient(bridge.httpPort());
        dashboard.login("samia", PASSWORD);
        assertThat(limit.refused()).isZero();
        assertThat(dashboard.get("/dashboard").body()).doesNotContain("id=\"rest-full\"");

        List<Socket> streams = new ArrayList<>();
        for (int i = 0; i < BOUND; i++) {
            Socket stream = connect();
            send(
                    stream,
                    "GET /api/v1/events?store=" + STORE + " HTTP/1.1\r\nHost: bridge\r\nAuthorization: Bearer "
                            + Bridge.TOKEN + "\r\n\r\n");
            assertThat(readHead(stream)).startsWith("HTTP/1.1 200");
            streams.add(stream);
        }
        HandshakeDeadlinesTest.await(() -> limit.connections() == BOUND, "only the three event streams open");
        long refusedBefore = limit.refused();

        Socket refused = connect();
        send(refused, "GET /api/v1/stores HTTP/1.1\r\nHost: bridge\r\n\r\n");
        String answer = readUntilClosed(refused);
        assertThat(answer)
                .startsWith("HTTP/1.1 503")
                .contains("Retry-After: 1")
                .contains("\"code\":\"SERVER_BUSY\"")
                .contains("every one answering a request");
        assertThat(limit.refused()).isEqualTo(refusedBefore + 1);
        assertThat(limit.connections()).isEqualTo(BOUND);

        // One stream ends: a place is free again.
        streams.get(0).close();
        HandshakeDeadlinesTest.await(() -> limit.connections() < BOUND, "the closed stream released");
        Socket next = connect();
        send(next, "GET /health HTTP/1.1\r\nHost: bridge\r\n\r\n");
        assertThat(readHead(next)).startsWith("HTTP/1.1 200");

        // The people watching the fleet see it for a minute, above the stores' alerts.
        assertThat(dashboard.get("/dashboard").body())
                .contains("<p id=\"rest-full\" class=\"alert\" data-bound=\"3\">")
                .contains("ses 3 connexions répondaient toutes à des requêtes");
    }

    // ------------------------------------------------------------------ raw sockets

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", bridge.httpPort()), 5_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The answer's head, up to its blank line. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * How many of {@code sockets} the server closed, looked at again and again (a short read each)
     * until {@code expected} are seen closed or 60 s pass: the server closes them asynchronously.
     */
    private static int closedByTheServer(List<Socket> sockets, int expected) throws IOException {
        Set<Socket> closed = new HashSet<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (closed.size() < expected && System.nanoTime() - deadline < 0) {
            for (Socket socket : sockets) {
                if (closed.contains(socket)) {
                    continue;
                }
                socket.setSoTimeout(50);
                try {
                    if (socket.getInputStream().read() < 0) {
                        closed.add(socket);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // open so far
                } catch (SocketException reset) {
                    closed.add(socket);
                }
            }
        }
        return closed.size();
    }
}
