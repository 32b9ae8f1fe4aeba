package io.printbridge.server;

import static io.printbridge.server.ConnectionLifecycleTest.rawJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database refuses writes, a new job is answered 503 and nothing claims it was queued. */
class StorageOutageTest {

    @TempDir
    Path dir;

    Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        Bridge.connected(bridge.startAgent("alger-01", new VirtualPrinter()));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void aJobTheDatabaseCannotStoreIsA503SayingNothingWasQueued() throws Exception {
        assertThat(bridge.post("/api/v1/stores/alger-01/jobs", rawJob("before\n"))
                        .statusCode())
                .isEqualTo(201);
        // The pool itself, not the contextual proxy the application uses inside transactions.
        DataSource pool = DelegatingDataSource.unwrapDataSource(bridge.server().getBean(DataSource.class));
        Connection connection = pool.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN"); // the embedded database is gone, as after a disk failure
        }
        try {
            connection.close();
        } catch (SQLException expected) {
            // returning a connection to a database that is gone fails; that is the point
        }

        HttpResponse<String> response = bridge.post("/api/v1/stores/alger-01/jobs", rawJob("lost?\n"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(bridge.json(response).at("/error/code").asText()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(bridge.json(response).at("/error/message").asText())
                .startsWith("the job could not be stored (")
                .endsWith("nothing was queued, retry later");
    }
}
