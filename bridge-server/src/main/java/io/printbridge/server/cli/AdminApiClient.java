package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A running server's admin API as the commands speak to it ({@code --server URL}): the admin token
 * on every request, answers read as JSON, and an answer other than the expected one turned into the
 * exception the command prints — the command's own for the refusals it knows, and otherwise an
 * invalid value (400), a refused token (401, 403) or the status and the API's message.
 */
final class AdminApiClient {

    /** The exception a command reports for an answer it knows, or null to let the defaults speak. */
    @FunctionalInterface
    interface Refusals {
        @Nullable
        RuntimeException refusal(int status, String message);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final String adminToken;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    AdminApiClient(URI server, String adminToken) {
        this.server = requireNonNull(server, "server");
        this.adminToken = requireNonNull(adminToken, "adminToken");
    }

    URI server() {
        return server;
    }

    /** A request to {@code path} on the server, with the admin token. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + adminToken);
    }

    /** Sends {@code request}; the answer's JSON if its status is {@code expected}, else the refusal. */
    JsonNode send(HttpRequest.Builder request, int expected) {
        return send(request, expected, (status, message) -> null);
    }

    /** As {@link #send(HttpRequest.Builder, int)}, with the command's own {@code refusals} first. */
    JsonNode send(HttpRequest.Builder request, int expected, Refusals refusals) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure(
                    "cannot reach " + server + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while waiting for " + server, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == expected) {
            return body;
        }
        String message = body.at("/error/message").asText(response.body());
        RuntimeException known = refusals.refusal(response.statusCode(), message);
        if (known != null) {
            throw known;
        }
        switch (response.statusCode()) {
            case 400 -> throw new IllegalArgumentException(message);
            case 401, 403 -> throw new CliFailure(server + " refused the admin token: " + message);
            default -> throw new CliFailure(server + " answered " + response.statusCode() + ": " + message);
        }
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode(); // not the API's JSON (a proxy's page): the status says enough
        }
    }
}
