package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past the load it serves in time, the server refuses new jobs with 503 SERVER_BUSY and a
 * Retry-After, stores nothing for them, lets the jobs it accepted finish, and takes new ones again
 * once its writes have caught up. The writer is made to fall behind for real: another connection
 * holds PostgreSQL's lock on the jobs table, as a stalled database or a burst past the writer's pace
 * would hold the writes back.
 */
class OverloadRefusalTest {

    private static final String STATUS_JOB = "{\"type\":\"status\",\"ttlSeconds\":600}";

    @TempDir
    Path dir;

    private Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        TestDatabase.assumePostgres();
        bridge = new Bridge(
                dir, List.of("oran-01"), Map.of("bridge.jobs.max-write-lag", "200ms"), TestDatabase.POSTGRES);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aServerBehindOnItsWritesRefusesNewJobsClearlyAndTakesThemAgainOnceCaughtUp() throws Exception {
        // The store is known once its agent has come; away again, its jobs wait QUEUED (no more writes).
        Bridge.connected(bridge.startAgent("oran-01", new VirtualPrinter())).close();
        bridge.await("/api/v1/stores", s -> !s.at("/stores/0/online").asBoolean(), Duration.ofSeconds(5));
        assertThat(post().statusCode()).isEqualTo(201);
        CompletableFuture<HttpResponse<String>> held;
        try (Connection lock = database()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE jobs IN EXCLUSIVE MODE");
            }
            // Taken, and its write waits behind the lock: the writer falls behind.
            held = CompletableFuture.supplyAsync(this::post);
            Thread.sleep(600);
            assertThat(held).isNotDone();

            HttpResponse<String> refused = post();

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(bridge.json(refused).at("/error/code").asText()).isEqualTo("SERVER_BUSY");
            assertThat(bridge.json(refused).at("/error/message").asText())
                    .contains("ms behind")
                    .contains("nothing was queued");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            lock.rollback();
        }

        // The job taken before the refusal is stored once the writer catches up; new jobs are taken again.
        assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(post().statusCode()).isEqualTo(201);
        assertThat(storedJobs()).isEqualTo(3);
    }

    private HttpResponse<String> post() {
        try {
            return bridge.post("/api/v1/stores/oran-01/jobs", STATUS_JOB);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own to the server's database (schema and all), outside the server's pool. */
    private Connection database() throws Exception {
        String url = bridge.server()
                .getEnvironment()
                .getProperty("datasources.default.url", String.class)
                .orElseThrow();
        return DriverManager.getConnection(url, TestDatabase.USER, "");
    }

    /** Jobs in the database, read with SQL: what was stored, whatever the API answered. */
    private long storedJobs() throws Exception {
        try (Connection connection = database();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM jobs")) {
            count.next();
            return count.getLong(1);
        }
    }
}
