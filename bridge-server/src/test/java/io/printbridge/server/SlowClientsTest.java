package io.printbridge.server;

import static io.printbridge.server.ConnectionLifecycleTest.rawJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their request too slowly, on a raw socket against a real server whose read
 * deadlines are 1 s: a trickle of one byte at a time (which resets any idle timeout) is cut off;
 * a request that arrives in time is served, and answers that take long to write (a {@code ?wait},
 * an event stream) are not cut, since the deadlines are about reading the request only.
 *
 * <p>The only clock here is a generous socket read timeout (20 s for a 1 s deadline): a server
 * that never closes the connection fails the test, a slow machine does not.
 */
class SlowClientsTest {

    private static final String STORE = "alger-01";
    private static final String OFFLINE = "oran-02";
    private static final Duration TRICKLE_EVERY = Duration.ofMillis(100);

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();
    static final ExecutorService tricklers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "trickler");
        thread.setDaemon(true);
        return thread;
    });

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of(STORE, OFFLINE),
                Map.of(
                        "bridge.http.request-head-timeout", "1s",
                        "bridge.http.request-body-timeout", "1s"));
        Bridge.connected(bridge.startAgent(STORE, printer));
        // Known (its agent connected once) and offline: its jobs stay QUEUED, so ?wait runs out.
        Bridge.connected(bridge.startAgent(OFFLINE, new VirtualPrinter())).close();
    }

    @AfterAll
    static void stop() {
        tricklers.shutdownNow();
        bridge.close();
    }

    @Test
    void aRequestHeadTrickledOneByteAtATimeIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/stores/" + STORE + "/jobs HTTP/1.1\r\nHost: bridge\r\nX-Slow: ");
            trickle(socket, "a".repeat(300));

            assertThat(readUntilClosed(socket)).isEqualTo("closed without an answer");
        }
    }

    @Test
    void aBodyTrickledOneByteAtATimeIsCutOffAndNothingIsStored() throws Exception {
        String job = rawJob("slow body\n");
        try (Socket socket = connect()) {
            send(
                    socket,
                    "POST /api/v1/stores/" + STORE + "/jobs HTTP/1.1\r\nHost: bridge\r\n"
                            + "Authorization: Bearer " + Bridge.TOKEN + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (job.length() + 300) + "\r\n\r\n");
            trickle(socket, job + " ".repeat(300));

            assertThat(readUntilClosed(socket)).isEqualTo("closed without an answer");
        }
        // A marker printed afterwards prints alone: the slow job was never taken.
        printer.clear();
        JsonNode marker = bridge.json(bridge.post("/api/v1/stores/" + STORE + "/jobs?wait=20", rawJob("marker\n")));
        assertThat(marker.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("marker\n");
    }

    @Test
    void aRequestSentAtOnceIsServedAndItsIdleKeepAliveConnectionIsNotCut() throws Exception {
        try (Socket socket = connect()) {
            send(socket, statusRequest());
            assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 201");

            // Idle between requests is the idle timeout's business, not the read deadline's: a
            // reverse proxy keeps such connections in its pool.
            Thread.sleep(2_000);
            send(socket, statusRequest());
            assertThat(readResponseHead(socket)).startsWith("HTTP/1.1 201");
        }
    }

    @Test
    void aHeadLargerThanTheLimitIsRefused() throws Exception {
        try (Socket socket = connect()) {
            StringBuilder headers = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                headers.append("X-Header-")
                        .append(i)
                        .append(": ")
                        .append("v".repeat(20))
                        .append("\r\n");
            }
            send(socket, "GET /health HTTP/1.1\r\nHost: bridge\r\n" + headers + "\r\n");

            assertThat(readResponseHead(socket)).matches("(?s)HTTP/1\\.[01] (400|413|431) .*");
        }
    }

    @Test
    void aLongWaitAndAnEventStreamOutliveTheReadDeadline() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> events = http.send(
                HttpRequest.newBuilder(bridge.uri("/api/v1/events?store=" + OFFLINE))
                        .header("Authorization", "Bearer " + Bridge.TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(events.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        tricklers.execute(() -> events.body().forEach(lines::add));

        // 3 s of waiting for a job that stays QUEUED: three times the read deadlines.
        HttpResponse<String> waited = bridge.post("/api/v1/stores/" + OFFLINE + "/jobs?wait=3", rawJob("later\n"));
        HttpResponse<String> next = bridge.post("/api/v1/stores/" + OFFLINE + "/jobs", rawJob("after the wait\n"));

        assertThat(waited.statusCode()).as(waited.body()).isEqualTo(201);
        assertThat(bridge.json(waited).get("state").asText()).isEqualTo("QUEUED");
        // The stream opened before the wait still delivers a job created after it.
        String nextId = bridge.json(next).get("id").asText();
        String line;
        do {
            line = lines.poll(20, TimeUnit.SECONDS);
        } while (line != null && !line.contains(nextId));
        assertThat(line).as("the event of job " + nextId).isNotNull().startsWith("data:");
        events.body().close();
    }

    // ------------------------------------------------------------------ raw HTTP/1.1

    private static String statusRequest() {
        String body = "{\"type\":\"status\"}";
        return "POST /api/v1/stores/" + OFFLINE + "/jobs HTTP/1.1\r\nHost: bridge\r\nAuthorization: Bearer "
                + Bridge.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", bridge.httpPort()), 5_000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes {@code text} one byte every 100 ms in the background, until done or the connection fails. */
    private static void trickle(Socket socket, String text) {
        tricklers.execute(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(TRICKLE_EVERY.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test waits for
            }
        });
    }

    /**
     * Reads until the server closes the connection: "closed without an answer" when it closed
     * (end of stream or reset) having sent nothing; otherwise what it sent, or that the read timed out.
     */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        try {
            for (int b; (b = in.read()) != -1; ) {
                received.write(b);
            }
        } catch (SocketTimeoutException e) {
            return "still open after 20 s; received: " + received.toString(StandardCharsets.US_ASCII);
        } catch (SocketException e) {
            // a reset: closed as well
        }
        return received.size() == 0
                ? "closed without an answer"
                : "answered: " + received.toString(StandardCharsets.US_ASCII);
    }

    /** The status line and headers of the next response, and its body consumed (Content-Length). */
    private static String readResponseHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                return "closed after: " + head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return text;
    }
}
