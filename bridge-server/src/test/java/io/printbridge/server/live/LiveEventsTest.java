package io.printbridge.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.live.SseClient.SseEvent;
import io.printbridge.server.testing.Bridge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/events} read by a real HTTP client while jobs run through a real agent. */
class LiveEventsTest {

    static final String SETIF_ONLY_TOKEN = "setif-only-token";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int BUFFER = 16;

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();
    static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01", "setif-04"),
                Map.of(
                        "bridge.api.tokens.setif.sha256",
                        ApiTokens.sha256(SETIF_ONLY_TOKEN),
                        "bridge.api.tokens.setif.stores",
                        "setif-04",
                        "bridge.live.heartbeat",
                        "300ms",
                        "bridge.live.buffer",
                        BUFFER));
        Bridge.connected(bridge.startAgent("alger-01", printer));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void streamsOfEarlierTestsAreGone() throws InterruptedException {
        // A closed connection leaves the hub asynchronously; the counts below start from zero.
        awaitTrue(() -> hub().streamCount() == 0, "the streams of earlier tests to close");
    }

    static LiveEventHub hub() {
        return bridge.server().getBean(LiveEventHub.class);
    }

    @Test
    void jobEventsFollowAJobThroughQueuedSentAndDoneWithIncreasingIds() throws Exception {
        try (SseClient stream = open("/api/v1/events", Bridge.TOKEN)) {
            assertThat(stream.response().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            String id = printJob("hello\n");

            List<SseEvent> events = stream.readUntil(e -> isJob(e, id, "DONE"), WAIT).stream()
                    .filter(e -> "job".equals(e.name())
                            && id.equals(data(e).get("id").asText()))
                    .toList();
            assertThat(events).extracting(e -> data(e).get("state").asText()).containsExactly("QUEUED", "SENT", "DONE");
            assertThat(events)
                    .extracting(e -> Long.parseLong(e.id()))
                    .isSorted()
                    .doesNotHaveDuplicates();
            JsonNode done = data(events.get(2));
            assertThat(done.get("storeId").asText()).isEqualTo("alger-01");
            assertThat(done.get("type").asText()).isEqualTo("raw");
            assertThat(done.get("bytesWritten").asInt()).isEqualTo("hello\n".length());
            assertThat(done.get("finishedAt").asText()).isNotEmpty();
        }
    }

    @Test
    void aJobSentOnAStreamThatIsLostIsAnnouncedQueuedAgain() throws Exception {
        VirtualPrinter slow = new VirtualPrinter().delayPerWrite(Duration.ofSeconds(3));
        Agent agent = Bridge.connected(bridge.startAgent("setif-04", slow));
        try (SseClient stream = open("/api/v1/events?store=setif-04", Bridge.TOKEN)) {
            String id = bridge.json(bridge.post("/api/v1/stores/setif-04/jobs", rawJob("slow\n")))
                    .get("id")
                    .asText();
            stream.readUntil(e -> isJob(e, id, "SENT"), WAIT);

            agent.close(); // the stream ends before the agent reports

            SseEvent again = last(stream.readUntil(e -> isJob(e, id, "QUEUED"), WAIT));
            assertThat(Long.parseLong(again.id())).isPositive();
        } finally {
            agent.close();
        }
    }

    @Test
    void tokenForAnotherStoreSeesNoneOfItsEvents() throws Exception {
        try (SseClient all = open("/api/v1/events", Bridge.TOKEN);
                SseClient setifOnly = open("/api/v1/events", SETIF_ONLY_TOKEN)) {
            String id = printJob("not for setif\n");
            all.readUntil(e -> isJob(e, id, "DONE"), WAIT);

            // Events reach a stream in order: once the marker is there, anything before it is too.
            publishMarker("setif-04");

            List<SseEvent> seen = setifOnly.readUntil(LiveEventsTest::isMarker, WAIT);
            assertThat(seen).filteredOn(e -> e.name() != null).containsExactly(seen.get(seen.size() - 1));
        }
    }

    @Test
    void idsOfAStoresStreamCountItsOwnEventsWhateverOtherStoresDo() throws Exception {
        try (SseClient setifOnly = open("/api/v1/events", SETIF_ONLY_TOKEN)) {
            BridgeEvents events = bridge.server().getBean(BridgeEvents.class);
            // Busy alger-01 between setif-04's two events: a global count would show the gap.
            events.publish(new BridgeEvent.StoreChanged("alger-01", true, "alger 1", Instant.now()));
            events.publish(new BridgeEvent.StoreChanged("setif-04", true, "setif 1", Instant.now()));
            for (int i = 2; i <= 5; i++) {
                events.publish(new BridgeEvent.StoreChanged("alger-01", true, "alger " + i, Instant.now()));
            }
            events.publish(new BridgeEvent.StoreChanged("setif-04", true, "setif 2", Instant.now()));

            List<SseEvent> seen = setifOnly
                    .readUntil(
                            e -> "store".equals(e.name())
                                    && "setif 2".equals(data(e).get("detail").asText()),
                            WAIT)
                    .stream()
                    .filter(e -> e.name() != null)
                    .toList();

            assertThat(seen).extracting(e -> data(e).get("detail").asText()).containsExactly("setif 1", "setif 2");
            assertThat(seen).extracting(SseEvent::id).containsExactly("1", "2");
        }
    }

    @Test
    void storeQueryShowsOnlyThatStore() throws Exception {
        try (SseClient all = open("/api/v1/events", Bridge.TOKEN);
                SseClient setif = open("/api/v1/events?store=setif-04", Bridge.TOKEN)) {
            String id = printJob("alger only\n");
            all.readUntil(e -> isJob(e, id, "DONE"), WAIT);
            publishMarker("setif-04");

            List<SseEvent> seen = setif.readUntil(LiveEventsTest::isMarker, WAIT);
            assertThat(seen).filteredOn(e -> e.name() != null).hasSize(1);
        }
    }

    @Test
    void storeEventsSayWhenAnAgentConnectsAndDisconnects() throws Exception {
        try (SseClient stream = open("/api/v1/events?store=setif-04", Bridge.TOKEN)) {
            Agent agent = bridge.startAgent("setif-04", new VirtualPrinter());

            SseEvent online = last(stream.readUntil(
                    e -> "store".equals(e.name()) && data(e).get("online").asBoolean(), WAIT));
            agent.close();
            SseEvent offline = last(stream.readUntil(
                    e -> "store".equals(e.name()) && !data(e).get("online").asBoolean(), WAIT));

            assertThat(data(online).get("storeId").asText()).isEqualTo("setif-04");
            assertThat(data(online).get("detail").asText()).isEqualTo("agent connected");
            assertThat(data(offline).get("detail").asText()).isEqualTo("agent disconnected");
        }
    }

    @Test
    void idleStreamGetsHeartbeatComments() throws Exception {
        try (SseClient stream = open("/api/v1/events?store=setif-04", Bridge.TOKEN)) {
            List<SseEvent> seen =
                    stream.readUntil(e -> LiveStream.HEARTBEAT.equals(e.comment()), Duration.ofSeconds(3));

            assertThat(seen).extracting(SseEvent::comment).containsOnly(LiveStream.HEARTBEAT);
        }
    }

    @Test
    void closingTheConnectionUnsubscribesTheStream() throws Exception {
        SseClient stream = open("/api/v1/events", Bridge.TOKEN);
        assertThat(hub().streamCount()).isEqualTo(1);

        stream.close();

        awaitTrue(() -> hub().streamCount() == 0, "the stream to leave the hub");
    }

    @Test
    void clientThatStopsReadingGetsAnOverflowEventAndTheStreamEnds() throws Exception {
        LiveEventHub hub = hub();
        BridgeEvents bus = bridge.server().getBean(BridgeEvents.class);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // a small window: the server's buffers fill sooner
            socket.connect(new InetSocketAddress("127.0.0.1", bridge.uri("/").getPort()));
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream()
                    .write(("GET /api/v1/events?store=alger-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Authorization: Bearer " + Bridge.TOKEN + "\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            awaitTrue(() -> hub.streamCount() == 1, "the stream to open");

            // The client reads nothing while events pour in: socket buffers fill, then the stream's own.
            String detail = "x".repeat(8192);
            int published = 0;
            while (hub.streamCount() == 1 && published < 10_000) {
                bus.publish(new BridgeEvent.StoreChanged("alger-01", true, detail, Instant.now()));
                published++;
            }
            assertThat(hub.streamCount())
                    .as("streams still listening after %d events of 8 KiB", published)
                    .isZero();

            // Then it reads: what was buffered, the overflow event last, and the end of the response.
            String received = readUntilChunkedEnd(socket.getInputStream());
            int overflowAt = received.indexOf("event: overflow");
            assertThat(overflowAt).as("where the overflow event is").isPositive();
            assertThat(received.indexOf("event: store", overflowAt))
                    .as("a store event after the overflow event")
                    .isEqualTo(-1);
            assertThat(received.substring(overflowAt))
                    .contains("STREAM_OVERFLOW")
                    .endsWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    void streamWithoutATokenIs401() throws Exception {
        HttpResponse<String> response =
                bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/events")).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void storeTheTokenMayNotUseIs403WithAJsonError() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/events?store=alger-01"))
                .header("Authorization", "Bearer " + SETIF_ONLY_TOKEN)
                .GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
        assertThat(bridge.json(response).at("/error/message").asText())
                .contains("setif")
                .contains("alger-01");
    }

    @Test
    void malformedStoreIs400NamingIt() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/events?store=Alger_01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText())
                .contains("store: \"Alger_01\"")
                .contains("expected");
    }

    // ------------------------------------------------------------------ helpers

    static SseClient open(String path, String token) throws Exception {
        SseClient stream = SseClient.open(http, bridge.uri(path), token);
        // The first comment arrives once the stream listens: nothing published after it is missed.
        assertThat(stream.next(WAIT).comment()).isEqualTo(LiveStream.CONNECTED);
        return stream;
    }

    static String rawJob(String text) {
        return "{\"type\":\"raw\",\"data\":\""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    static String printJob(String text) throws Exception {
        HttpResponse<String> response = bridge.post("/api/v1/stores/alger-01/jobs?wait=10", rawJob(text));
        assertThat(response.statusCode()).isEqualTo(201);
        return bridge.json(response).get("id").asText();
    }

    static final String MARKER = "test marker";

    static void publishMarker(String storeId) {
        bridge.server()
                .getBean(BridgeEvents.class)
                .publish(new BridgeEvent.StoreChanged(storeId, false, MARKER, Instant.now()));
    }

    static boolean isMarker(SseEvent event) {
        return "store".equals(event.name())
                && MARKER.equals(data(event).get("detail").asText());
    }

    static boolean isJob(SseEvent event, String id, String state) {
        if (!"job".equals(event.name())) {
            return false;
        }
        JsonNode job = data(event);
        return job.get("id").asText().equals(id) && job.get("state").asText().equals(state);
    }

    static JsonNode data(SseEvent event) {
        try {
            return json.readTree(event.data());
        } catch (IOException e) {
            throw new AssertionError("event data is not JSON: " + event, e);
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Reads a chunked response until its last chunk, and returns all of it as text. */
    static String readUntilChunkedEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        String tail = "";
        while (!tail.endsWith("\r\n0\r\n\r\n")) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
            tail = tail + new String(buffer, Math.max(0, n - 7), Math.min(n, 7), StandardCharsets.ISO_8859_1);
            tail = tail.substring(Math.max(0, tail.length() - 7));
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    static SseEvent last(List<SseEvent> events) {
        return events.get(events.size() - 1);
    }
}
