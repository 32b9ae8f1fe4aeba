package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server (the JDK's) that holds its answers until told, or answers at once. */
class ErpHttpTest {

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> lastRequest = new AtomicReference<>("");
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding = true;
    private HttpServer server;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            lastRequest.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (holding) {
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            byte[] answer = ("{\"echo\":" + body + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aPostCarriesItsPathTokenKeyAndBodyAndItsAnswerComesBack() throws Exception {
        holding = false;
        try (ErpHttp http = new ErpHttp(base, "secret", 4, Duration.ofSeconds(10))) {
            ErpHttp.Answer answer = http.post("/api/v1/stores/s1/jobs?wait=10", "key-1", "{\"type\":\"drawer\"}")
                    .get(30, TimeUnit.SECONDS);

            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo("{\"echo\":{\"type\":\"drawer\"}}");
            assertThat(lastRequest.get())
                    .isEqualTo("POST /api/v1/stores/s1/jobs?wait=10 Bearer secret key-1 application/json"
                            + " {\"type\":\"drawer\"}");
        }
    }

    @Test
    void requestsOneAfterTheOtherShareOneKeptAliveConnection() throws Exception {
        holding = false;
        try (ErpHttp http = new ErpHttp(base, "t", 4, Duration.ofSeconds(10))) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.post("/p", "k" + i, "{}")
                                .get(30, TimeUnit.SECONDS)
                                .status())
                        .isEqualTo(201);
            }
        }
        assertThat(received.get()).isEqualTo(20);
        assertThat(clientPorts).as("connections the server saw").hasSize(1);
    }

    @Test
    void noMoreThanTheLimitAreInFlightAndEveryOneIsAnsweredInTheEnd() throws Exception {
        try (ErpHttp http = new ErpHttp(base, "t", 2, Duration.ofSeconds(30))) {
            // post never blocks, whatever is in flight.
            List<CompletableFuture<ErpHttp.Answer>> answers = post(http, 6);
            awaitInFlight(2);
            assertThat(answers).noneMatch(CompletableFuture::isDone);

            release.countDown();
            for (CompletableFuture<ErpHttp.Answer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(clientPorts).as("connections the server saw").hasSize(2);
    }

    @Test
    void anAnswerSaysWhenItsRequestLeftWhichForOneThatWaitedForAConnectionIsAfterTheFirstAnswer() throws Exception {
        try (ErpHttp http = new ErpHttp(base, "t", 1, Duration.ofSeconds(30))) {
            List<CompletableFuture<ErpHttp.Answer>> answers = post(http, 2);
            awaitInFlight(1);
            long releasedAt = System.nanoTime();
            release.countDown();

            ErpHttp.Answer first = answers.get(0).get(30, TimeUnit.SECONDS);
            ErpHttp.Answer second = answers.get(1).get(30, TimeUnit.SECONDS);
            assertThat(first.sentAtNanos()).as("the first, sent at once").isLessThan(releasedAt);
            assertThat(second.sentAtNanos())
                    .as("the second, sent once the only connection was free again")
                    .isGreaterThan(releasedAt);
        }
    }

    @Test
    void requestsStillWaitingAreGivenUpAndNeverSentWhileThoseInFlightAreAnswered() throws Exception {
        try (ErpHttp http = new ErpHttp(base, "t", 2, Duration.ofSeconds(30))) {
            List<CompletableFuture<ErpHttp.Answer>> answers = post(http, 5);
            awaitInFlight(2);

            assertThat(http.abandonWaiting("cell over")).isEqualTo(3);
            release.countDown();

            assertThat(answers.get(0).get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(answers.get(1).get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            for (CompletableFuture<ErpHttp.Answer> abandoned : answers.subList(2, 5)) {
                assertThat(abandoned)
                        .failsWithin(Duration.ofSeconds(5))
                        .withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(ErpHttp.NotSent.class);
            }
            Thread.sleep(200);
        }
        assertThat(received.get())
                .as("the given-up requests never reached the server")
                .isEqualTo(2);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutAndTheNextRequestGoesOnANewConnection() throws Exception {
        try (ErpHttp http = new ErpHttp(base, "t", 1, Duration.ofMillis(300))) {
            CompletableFuture<ErpHttp.Answer> held = http.post("/p", "k1", "{}");
            CompletableFuture<ErpHttp.Answer> next = http.post("/p", "k2", "{}");

            assertThat(PeakAnswers.ofFailure(failure(held))).isEqualTo("timeout");
            awaitReceived(2);
            release.countDown();
            assertThat(next.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        }
        assertThat(clientPorts)
                .as("the timed-out request's connection is not used again")
                .hasSize(2);
    }

    @Test
    void aServerThatIsNotThereIsNoConnectionForEachRequest() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ErpHttp http = new ErpHttp(URI.create("http://127.0.0.1:" + closedPort), "t", 2, Duration.ofSeconds(5))) {
            List<CompletableFuture<ErpHttp.Answer>> answers = post(http, 3);
            for (CompletableFuture<ErpHttp.Answer> answer : answers) {
                assertThat(PeakAnswers.ofFailure(failure(answer))).startsWith("no connection ");
            }
        }
    }

    private static Throwable failure(CompletableFuture<ErpHttp.Answer> answer) throws Exception {
        try {
            answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the request to fail, it was answered");
    }

    private static List<CompletableFuture<ErpHttp.Answer>> post(ErpHttp http, int requests) {
        List<CompletableFuture<ErpHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            answers.add(http.post("/p", "k" + i, "{}"));
        }
        return answers;
    }

    private void awaitInFlight(int requests) throws InterruptedException {
        while (inFlight.get() < requests) {
            Thread.sleep(10);
        }
    }

    private void awaitReceived(int requests) throws InterruptedException {
        while (received.get() < requests) {
            Thread.sleep(10);
        }
    }
}
