package io.printbridge.server.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * An ERP's webhook endpoint for tests: a real HTTP server on an ephemeral loopback port that
 * answers with scripted statuses, records every request, and checks its signature the way the
 * README tells receivers to (its own HMAC code, not the server's).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received, with the status it was answered. */
    public record Request(
            @Nullable String event,
            @Nullable String deliveryId,
            @Nullable String timestamp,
            @Nullable String signature,
            @Nullable String contentType,
            byte[] body,
            int answered) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String secret;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ArrayDeque<>(); // guarded by this
    private int otherwise = 200; // guarded by this

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers the next requests with {@code statuses}, in order, then with the usual status. */
    synchronized WebhookReceiver answerFirst(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
        return this;
    }

    /** Answers every request not scripted with {@code status}. */
    synchronized WebhookReceiver answerOtherwise(int status) {
        otherwise = status;
        return this;
    }

    private synchronized int nextStatus() {
        Integer scripted = script.poll();
        return scripted != null ? scripted : otherwise;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int status = nextStatus();
        var headers = exchange.getRequestHeaders();
        requests.add(new Request(
                headers.getFirst("X-Printbridge-Event"),
                headers.getFirst("X-Printbridge-Delivery"),
                headers.getFirst("X-Printbridge-Timestamp"),
                headers.getFirst("X-Printbridge-Signature"),
                headers.getFirst("Content-Type"),
                body,
                status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until {@code count} requests arrived, failing after {@code timeout}. */
    public List<Request> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        count + " webhook request(s) expected within " + timeout + ", got " + requests.size());
            }
            Thread.sleep(20);
        }
        return requests();
    }

    /** The receiver's check: HMAC-SHA256 of "timestamp.body" with the shared secret, compared in constant time. */
    boolean signatureValid(Request request) {
        return signatureValid(request.timestamp(), request.body(), request.signature());
    }

    boolean signatureValid(@Nullable String timestamp, byte[] body, @Nullable String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] message = new byte[signed.length + body.length];
            System.arraycopy(signed, 0, message, 0, signed.length);
            System.arraycopy(body, 0, message, signed.length, body.length);
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(message));
            return MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
