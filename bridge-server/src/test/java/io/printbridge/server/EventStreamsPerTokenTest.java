package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.testing.Bridge;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token holds a bounded number of live event streams (here 2) on a real server: the next one is a
 * clear {@code 429 TOO_MANY_STREAMS}, its jobs still print, and a stream that ends gives its place
 * back. Without the quota, one integration leaking streams would hold every place of the REST port.
 */
class EventStreamsPerTokenTest {

    private static final String STORE = "streams-01";

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of(STORE), Map.of("bridge.live.max-streams-per-reader", 2));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theThirdStreamOfATokenIsRefusedUntilOneEnds() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HttpResponse<InputStream> stream = http.send(events(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                streams.add(stream);
            }

            HttpResponse<String> third = http.send(events(), HttpResponse.BodyHandlers.ofString());
            assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
            assertThat(bridge.json(third).path("error").path("code").asText()).isEqualTo("TOO_MANY_STREAMS");
            assertThat(bridge.json(third).path("error").path("message").asText())
                    .contains("holds 2 live event streams open already (expected: at most 2 at once");

            // The token's other calls are not held back.
            assertThat(bridge.get("/api/v1/stores").statusCode()).isEqualTo(200);

            // One ends (its connection closed): its place comes back once the server has seen it go.
            streams.remove(0).body().close();
            HttpResponse<InputStream> again = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() - deadline < 0) {
                HttpResponse<InputStream> attempt = http.send(events(), HttpResponse.BodyHandlers.ofInputStream());
                if (attempt.statusCode() == 200) {
                    again = attempt;
                    break;
                }
                attempt.body().close();
                Thread.sleep(100);
            }
            assertThat(again).as("a stream admitted again after one ended").isNotNull();
            streams.add(again);
        } finally {
            for (HttpResponse<InputStream> stream : streams) {
                stream.body().close();
            }
        }
    }

    private static HttpRequest events() {
        return HttpRequest.newBuilder(bridge.uri("/api/v1/events?store=" + STORE))
                .header("Authorization", "Bearer " + Bridge.TOKEN)
                .GET()
                .build();
    }
}
