package io.printbridge.faults.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Plays the ERP as a careful one would: every job is posted with its {@code Idempotency-Key},
 * and a timeout, a refused or reset connection, a 429 or a 5xx is retried with the same key and
 * the same body (after {@code Retry-After} when given, else a growing pause) until the server
 * answers or {@code giveUpAfter} has passed. Every attempt and answer is recorded.
 */
public final class ErpClient implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** One try of one request, as the ERP saw it. */
    public record Attempt(
            Instant at, String outcome, @Nullable String jobId) {}

    /** One job the ERP asked for, and every attempt it took. */
    public static final class Submission {
        public final PlannedJob job;
        public final List<Attempt> attempts = new ArrayList<>();
        /** Every job id an answer named: more than one is a broken idempotency promise. */
        public final Set<String> jobIds = new LinkedHashSet<>();
        /** The job's state in the answer that accepted it: final already when the request waited. */
        public @Nullable String answeredState;

        public @Nullable Instant acceptedAt;
        /** Set when the server refused the request itself (a 4xx other than 429): nothing was made. */
        public @Nullable String refusal;

        Submission(PlannedJob job) {
            this.job = job;
        }

        public boolean answered() {
            return acceptedAt != null || refusal != null;
        }
    }

    /** A job as the server reports it. */
    public record JobState(
            String id,
            String state,
            Instant createdAt,
            @Nullable String drawer,
            @Nullable Instant drawerExpiresAt,
            @Nullable Instant expiresAt,
            @Nullable String errorCode,
            @Nullable String lastReason) {

        public boolean isFinal() {
            return isFinal(state);
        }

        /** Whether a job in {@code state} is done changing: DONE, FAILED, EXPIRED or UNCERTAIN. */
        public static boolean isFinal(String state) {
            return switch (state) {
                case "DONE", "FAILED", "EXPIRED", "UNCERTAIN" -> true;
                default -> false;
            };
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ExecutorService requests = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "erp-request");
        thread.setDaemon(true);
        return thread;
    });
    /** The servers' API addresses: requests go to each in turn, a retry to the next (as behind a load balancer). */
    private final List<String> bases;

    private final AtomicInteger turn = new AtomicInteger();
    private final String token;
    private final Duration giveUpAfter;
    /** {@code ?wait=<seconds>} on every post, or empty: the answer once the job is final. */
    private final String jobsQuery;
    /** A post's timeout: the usual one on top of the wait it asks for. */
    private final Duration postTimeout;

    public ErpClient(int httpPort, String token, Duration giveUpAfter) {
        this(List.of(httpPort), token, giveUpAfter, Duration.ZERO);
    }

    /** @param wait how long each post asks the server to hold its answer until the job is final (zero: not) */
    public ErpClient(int httpPort, String token, Duration giveUpAfter, Duration wait) {
        this(List.of(httpPort), token, giveUpAfter, wait);
    }

    public ErpClient(List<Integer> httpPorts, String token, Duration giveUpAfter) {
        this(httpPorts, token, giveUpAfter, Duration.ZERO);
    }

    public ErpClient(List<Integer> httpPorts, String token, Duration giveUpAfter, Duration wait) {
        this.bases = httpPorts.stream().map(port -> "http://127.0.0.1:" + port).toList();
        this.token = token;
        this.giveUpAfter = giveUpAfter;
        this.jobsQuery = wait.isZero() ? "" : "?wait=" + wait.toSeconds();
        this.postTimeout = REQUEST_TIMEOUT.plus(wait);
    }

    /** The servers' API addresses ({@code http://127.0.0.1:PORT}), for a client of its own (the peak scenario's). */
    public List<String> bases() {
        return bases;
    }

    /** The API token every request carries. */
    public String token() {
        return token;
    }

    /** The server the next request goes to. */
    private String nextBase() {
        return bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
    }

    public CompletableFuture<Submission> submit(PlannedJob job) {
        return CompletableFuture.supplyAsync(() -> post(new Submission(job)), requests);
    }

    private Submission post(Submission submission) {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        Duration pause = Duration.ofMillis(250);
        while (true) {
            Instant at = Instant.now();
            Duration wait = pause;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        nextBase() + "/api/v1/stores/" + submission.job.store() + "/jobs" + jobsQuery))
                                .timeout(postTimeout)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", submission.job.key())
                                .POST(HttpRequest.BodyPublishers.ofString(submission.job.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 201 || status == 200) {
                    JsonNode answer = json.readTree(response.body());
                    String id = answer.path("id").asText();
                    submission.answeredState = answer.path("state").asText(null);
                    submission.attempts.add(new Attempt(at, Integer.toString(status), id));
                    submission.jobIds.add(id);
                    submission.acceptedAt = at;
                    return submission;
                }
                submission.attempts.add(new Attempt(at, status + " " + abbreviate(response.body()), null));
                if (status != 429 && status < 500) {
                    submission.refusal = status + " " + abbreviate(response.body());
                    return submission;
                }
                wait = response.headers()
                        .firstValue("Retry-After")
                        .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.trim())))
                        .orElse(pause);
            } catch (IOException e) {
                submission.attempts.add(new Attempt(at, e.getClass().getSimpleName(), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return submission;
            }
            if (System.nanoTime() > deadline) {
                return submission;
            }
            sleep(wait);
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(3)) > 0
                    ? Duration.ofSeconds(3)
                    : pause.multipliedBy(2);
        }
    }

    /** The job once final, read every 250 ms; as it is when {@code atMost} has passed first. */
    public JobState readUntilFinal(String jobId, Duration atMost) throws InterruptedException {
        JobState state = read(jobId);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!state.isFinal() && System.nanoTime() - deadline < 0) {
            Thread.sleep(250);
            state = read(jobId);
        }
        return state;
    }

    /** The job as the server holds it now, retried while the server cannot answer. */
    public JobState read(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (true) {
            try {
                HttpResponse<String> response =
                        http.send(get("/api/v1/jobs/" + jobId), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return parse(json.readTree(response.body()));
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IllegalStateException(
                            "GET job " + jobId + ": " + response.statusCode() + " " + abbreviate(response.body()));
                }
            } catch (IOException e) {
                // the server is away: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GET job " + jobId + ": no answer within " + giveUpAfter);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Whether the server still holds the job (a final one is deleted after the retention). */
    boolean exists(String jobId) throws InterruptedException {
        try {
            return http.send(get("/api/v1/jobs/" + jobId), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    != 404;
        } catch (IOException e) {
            return true; // cannot tell: read() will retry and say
        }
    }

    /** The job's JSON as the server gives it (history included), for the record of a violation. */
    String readRaw(String jobId) throws InterruptedException {
        try {
            return http.send(get("/api/v1/jobs/" + jobId), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "{\"unreadable\":\"" + e + "\"}";
        }
    }

    /** Whether every one of {@code stores} is connected now, as {@code GET /api/v1/stores} of every server says. */
    public boolean allConnected(List<String> stores) throws InterruptedException {
        for (int i = 0; i < bases.size(); i++) {
            if (!connected().containsAll(stores)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stores connected now, as {@code GET /api/v1/stores} of the next server says; none when it
     * cannot answer. The list comes a page at a time (issue 15): every page is read, following
     * {@code next}; a server from before paging answers everything at once, without {@code next}.
     */
    public Set<String> connected() throws InterruptedException {
        try {
            String base = nextBase();
            Set<String> connected = new LinkedHashSet<>();
            @Nullable String after = null;
            do {
                HttpResponse<String> response = http.send(
                        get(base, "/api/v1/stores?online=true&limit=1000" + (after == null ? "" : "&after=" + after)),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    return Set.of();
                }
                JsonNode body = json.readTree(response.body());
                JsonNode list = body.isArray() ? body : body.path("stores");
                for (JsonNode store : list) {
                    if (store.path("online").asBoolean(false)) {
                        connected.add(store.path("storeId").asText());
                    }
                }
                after = body.path("next").isTextual() ? body.path("next").asText() : null;
            } while (after != null);
            return connected;
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** A GET of the API with the ERP's token, from the next server. */
    private HttpRequest get(String path) {
        return get(nextBase(), path);
    }

    private HttpRequest get(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private static JobState parse(JsonNode job) {
        JsonNode history = job.path("history");
        String lastReason = history.isArray() && history.size() > 0
                ? history.get(history.size() - 1).path("reason").asText(null)
                : null;
        return new JobState(
                job.path("id").asText(),
                job.path("state").asText(),
                Instant.parse(job.path("createdAt").asText()),
                text(job, "drawer"),
                instant(job, "drawerExpiresAt"),
                instant(job, "expiresAt"),
                job.path("error").path("code").asText(null),
                lastReason);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
