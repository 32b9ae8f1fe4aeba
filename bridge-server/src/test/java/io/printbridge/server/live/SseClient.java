package io.printbridge.server.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a server-sent event stream the way a browser's EventSource does, with the JDK's HTTP
 * client line by line, and queues each event (or comment) as it completes.
 */
public final class SseClient implements AutoCloseable {

    /** One dispatched event; a comment line is an event with only {@code comment}. */
    public record SseEvent(
            @Nullable String id,
            @Nullable String name,
            @Nullable String data,
            @Nullable String comment) {}

    private static final SseEvent END = new SseEvent(null, null, null, "(end of stream)");

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(HttpClient http, URI uri, String token) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(10)) // until the headers: the body may last
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new AssertionError("GET " + uri + ": " + response.statusCode() + " " + body);
        }
        return new SseClient(response);
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data != null || name != null || id != null) {
                        events.add(new SseEvent(id, name, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new SseEvent(null, null, null, value(line.substring(1))));
                } else if (line.startsWith("id:")) {
                    id = value(line.substring(3));
                } else if (line.startsWith("event:")) {
                    name = value(line.substring(6));
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line.substring(5)));
                }
            }
        } catch (RuntimeException e) {
            // the connection was closed under the reader: the end of the stream
        } finally {
            events.add(END);
        }
    }

    /** The field's value: one leading space is not part of it. */
    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }

    /** The next event or comment, failing after {@code timeout}. */
    SseEvent next(Duration timeout) throws InterruptedException {
        SseEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + timeout);
        }
        return event;
    }

    /** Reads until {@code until} matches, returning every event read, that one included. */
    public List<SseEvent> readUntil(Predicate<SseEvent> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseEvent> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            SseEvent event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout + "; read: " + seen);
            }
            seen.add(event);
            if (until.test(event)) {
                return seen;
            }
            if (event == END) {
                throw new AssertionError("the stream ended before a matching event; read: " + seen);
            }
        }
    }

    /** Every event and comment read so far and not yet taken, without waiting. */
    public List<SseEvent> readAvailable() {
        List<SseEvent> available = new ArrayList<>();
        events.drainTo(available);
        return available;
    }

    /** An attendance event ({@code attendance.recorded} and the like), by its name. */
    public static boolean isAttendance(SseEvent event) {
        return event.name() != null && event.name().contains("attendance");
    }

    static boolean isEnd(SseEvent event) {
        return event == END;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
