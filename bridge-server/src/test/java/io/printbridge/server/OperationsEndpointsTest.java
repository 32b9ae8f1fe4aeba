package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /health} and {@code /prometheus}: reachable without a token (a load balancer or a
 * Prometheus has none), and so revealing nothing; every other management endpoint is off.
 */
class OperationsEndpointsTest {

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        Bridge.connected(bridge.startAgent("alger-01", new VirtualPrinter()));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void healthAnswersUpWithoutATokenAndWithoutDetails() throws Exception {
        HttpResponse<String> response = anonymousGet("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = bridge.json(response);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.fieldNames()).toIterable().containsExactly("status");
    }

    @Test
    void healthChecksTheDatabase() {
        // Not visible in the answer (no details), so checked on the server: the JDBC check is there.
        assertThat(bridge.server().getBeanDefinitions(HealthIndicator.class))
                .extracting(definition -> definition.getBeanType().getSimpleName())
                .contains("JdbcIndicator");
    }

    @Test
    void prometheusScrapeNeedsNoTokenAndCountsConnectedAgents() throws Exception {
        HttpResponse<String> response = anonymousGet("/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("(?m)^bridge_agents_connected(\\{[^}]*})? 1\\.0$");
    }

    @Test
    void prometheusScrapeShowsTheAgentsPortsConnectionsAgainstItsBound() throws Exception {
        String scrape = anonymousGet("/prometheus").body();

        // One agent, one connection; the bound from this JVM's open-file limit less the reserve.
        assertThat(scrape)
                .containsPattern("(?m)^bridge_agents_connections_open(\\{[^}]*})? 1\\.0$")
                .containsPattern("(?m)^bridge_agents_connections_max(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^bridge_agents_connections_full(\\{[^}]*})? 0\\.0$");
        // The scrape's own connection at least; the REST bound from what the agents' bound leaves.
        assertThat(scrape)
                .containsPattern("(?m)^bridge_http_connections_open(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^bridge_http_connections_max(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^bridge_http_connections_refused_total(\\{[^}]*})? 0\\.0$");
    }

    @Test
    void prometheusScrapeCountsFinishedJobsByStateAndType() throws Exception {
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(job.get("state").asText()).isEqualTo("DONE");

        String scrape = anonymousGet("/prometheus").body();

        assertThat(scrape)
                .containsPattern("(?m)^bridge_jobs_finished_total\\{[^}]*state=\"DONE\",type=\"status\"[^}]*} [1-9]");
    }

    @Test
    void prometheusScrapeShowsTheJobWritersCommits() throws Exception {
        bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}"));

        String scrape = anonymousGet("/prometheus").body();

        assertThat(scrape)
                .containsPattern("(?m)^bridge_jobs_writer_commits_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^bridge_jobs_writer_writes_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^bridge_jobs_writer_lag_seconds(\\{[^}]*})? ")
                .containsPattern("(?m)^bridge_jobs_writer_lag_smoothed_seconds(\\{[^}]*})? ")
                .containsPattern("(?m)^bridge_jobs_writer_new_jobs_waiting(\\{[^}]*})? 0")
                .containsPattern("(?m)^bridge_jobs_writer_new_jobs_limit(\\{[^}]*})? 0")
                .containsPattern("(?m)^bridge_jobs_writer_commit_slowest_seconds(\\{[^}]*})? ");
    }

    @Test
    void prometheusScrapeNamesNeitherStoresNorTokens() throws Exception {
        bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}");

        String scrape = anonymousGet("/prometheus").body();

        assertThat(scrape).doesNotContain("alger-01").doesNotContain(Bridge.TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/env", "/beans", "/loggers", "/routes", "/threaddump", "/refresh", "/info", "/metrics"})
    void otherManagementEndpointsAreNotExposed(String path) throws Exception {
        HttpResponse<String> response = anonymousGet(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("jdbc:").doesNotContain("datasources");
    }

    private static HttpResponse<String> anonymousGet(String path) throws Exception {
        return bridge.send(HttpRequest.newBuilder(bridge.uri(path))
                .timeout(Duration.ofSeconds(10))
                .GET());
    }
}
