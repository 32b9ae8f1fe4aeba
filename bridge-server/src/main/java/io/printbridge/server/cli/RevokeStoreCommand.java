package io.printbridge.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.printbridge.server.identity.StoreRevocations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stores revoke --store ID --reason TEXT [--server URL]}: a stolen or lost PC. Through a
 * server ({@code --server}), its live stream is closed at once; on the database directly (a
 * PostgreSQL shared with running servers, or H2 with the server stopped), running servers close
 * it within 30 s, when they next read the revocations.
 */
@Command(
        name = "revoke",
        description = "Revokes every certificate of a store: its PC is refused, and needs a new enrolment code.")
final class RevokeStoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    StoresCommand stores;

    @Mixin
    HelpOption help;

    @Option(names = "--store", required = true, paramLabel = "STORE_ID", description = "The store to revoke.")
    String store;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the audit log.")
    String reason;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        URI server = connection.serverOrNull(spec);
        Instant at = server == null ? onDatabase() : throughServer(server);
        spec.commandLine()
                .getErr()
                .println("revoked store " + store + " at " + at + ": its certificates are refused"
                        + (server == null
                                ? " (running servers close its connection within 30 s)"
                                : ", its connection is closed")
                        + ". To bring the shop back: `bridge-server enrol-codes create --store " + store
                        + "`, then `bridge-agent enroll` on the shop's PC.");
        return 0;
    }

    private Instant onDatabase() {
        CliEnvironment environment = stores.environment();
        try (ApplicationContext context = openDatabase(environment)) {
            return context.getBean(StoreRevocations.class).revoke(environment.auditName(), store, reason);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ApplicationContext openDatabase(CliEnvironment environment) {
        try {
            return DatabaseTokens.startContext(environment);
        } catch (RuntimeException e) {
            if (DatabaseTokens.databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server: run the command through it instead"
                                + " (--server http://HOST:PORT with an admin token in BRIDGE_ADMIN_TOKEN or --admin-token-file)",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + e.getMessage(), e);
        }
    }

    private Instant throughServer(URI server) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("reason", reason);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/admin/stores/" + store + "/revoke"))
                .header("Authorization", "Bearer " + connection.adminToken(spec, stores.environment()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400) {
                throw new ParameterException(
                        spec.commandLine(),
                        json.readTree(response.body()).at("/error/message").asText());
            }
            if (response.statusCode() != 200) {
                throw new CliFailure(server + " answered " + response.statusCode() + ": " + response.body());
            }
            return Instant.parse(json.readTree(response.body()).get("revokedAt").asText());
        } catch (IOException e) {
            throw new CliFailure("cannot reach " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted while revoking through " + server, e);
        }
    }
}
