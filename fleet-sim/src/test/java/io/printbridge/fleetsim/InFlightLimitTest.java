package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server (the JDK's) that holds every request until told. */
class InFlightLimitTest {

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private URI uri;

    @BeforeEach
    void startHeldServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void noMoreThanTheLimitAreInFlightAndEveryOneIsAnsweredInTheEnd() throws Exception {
        InFlightLimit limit = new InFlightLimit(HttpClient.newHttpClient(), 2);
        // send never blocks, whatever is in flight.
        List<CompletableFuture<HttpResponse<String>>> answers = send(limit, 6);
        awaitInFlight(2);
        assertThat(answers).noneMatch(CompletableFuture::isDone);

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).body()).isEqualTo("ok");
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void requestsStillWaitingAreGivenUpAndNeverSentWhileThoseInFlightAreAnswered() throws Exception {
        InFlightLimit limit = new InFlightLimit(HttpClient.newHttpClient(), 2);
        List<CompletableFuture<HttpResponse<String>>> answers = send(limit, 5);
        awaitInFlight(2);

        assertThat(limit.abandonWaiting("cell over")).isEqualTo(3);
        release.countDown();

        assertThat(answers.get(0).get(30, TimeUnit.SECONDS).body()).isEqualTo("ok");
        assertThat(answers.get(1).get(30, TimeUnit.SECONDS).body()).isEqualTo("ok");
        for (CompletableFuture<HttpResponse<String>> abandoned : answers.subList(2, 5)) {
            assertThat(abandoned)
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(InFlightLimit.NotSent.class);
        }
        Thread.sleep(200);
        assertThat(received.get())
                .as("the given-up requests never reached the server")
                .isEqualTo(2);
    }

    private List<CompletableFuture<HttpResponse<String>>> send(InFlightLimit limit, int requests) {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(limit.send(HttpRequest.newBuilder(uri).GET().build()));
        }
        return answers;
    }

    private void awaitInFlight(int requests) throws InterruptedException {
        while (inFlight.get() < requests) {
            Thread.sleep(10);
        }
    }
}
