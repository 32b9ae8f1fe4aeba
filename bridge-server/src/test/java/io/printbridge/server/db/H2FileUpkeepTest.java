package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Random;
import javax.sql.DataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file's upkeep on a real H2 file: many small commits (as the job writer makes) leave
 * the chunks mostly dead, and the upkeep's passes bring them back above half live, which is what
 * lets H2 reuse their space instead of growing the file.
 */
class H2FileUpkeepTest {

    @TempDir
    Path dir;

    @Test
    void passesRewriteMostlyDeadChunksUntilHalfOfWhatTheyHoldIsLive() throws Exception {
        try (ApplicationContext context =
                ApplicationContext.run(TestDatabase.H2.properties(dir.resolve("data")), "cli")) {
            DataSource pool = context.getBean(DataSource.class);
            try (Connection connection = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                                    pool)
                            .getConnection();
                    Statement statement = connection.createStatement()) {
                // H2 keeps a chunk 45 s after it was written (a crash's safety margin; the upkeep
                // makes it 5 s); the test cannot wait for it, so nothing is kept.
                statement.execute("SET RETENTION_TIME 0");
                statement.execute("CREATE TABLE churn (id INT PRIMARY KEY, note VARCHAR(400))");
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO churn VALUES (?, ?)")) {
                    for (int id = 0; id < 5_000; id++) {
                        insert.setInt(1, id);
                        insert.setString(2, "x".repeat(300));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
                Random random = new Random(20_261_205);
                try (PreparedStatement update = connection.prepareStatement("UPDATE churn SET note = ? WHERE id = ?")) {
                    for (int commit = 0; commit < 400; commit++) {
                        for (int row = 0; row < 10; row++) {
                            update.setString(1, "y".repeat(300) + commit);
                            update.setInt(2, random.nextInt(5_000));
                            update.addBatch();
                        }
                        update.executeBatch();
                        connection.commit();
                    }
                }
            }
            MVStore store = H2FileUpkeep.storeOf(pool);
            int before = store.getFileStore().getChunksFillRate();

            H2FileUpkeep upkeep = new H2FileUpkeep(pool);
            try {
                assertThat(store.getRetentionTime())
                        .as("the retention the upkeep sets, its file forced to disk every pass")
                        .isEqualTo(H2FileUpkeep.RETENTION_MILLIS);
                store.setRetentionTime(0); // as above: the test does not wait 5 s either
                for (int pass = 0; pass < 50 && upkeep.chunksFillRate() < H2FileUpkeep.TARGET_FILL_RATE; pass++) {
                    upkeep.runOnce();
                }
                assertThat(before).as("fill rate before the upkeep").isLessThan(H2FileUpkeep.TARGET_FILL_RATE);
                assertThat(upkeep.chunksFillRate()).isGreaterThanOrEqualTo(H2FileUpkeep.TARGET_FILL_RATE);
            } finally {
                upkeep.close();
            }
        }
    }
}
