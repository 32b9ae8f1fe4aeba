package io.printbridge.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.printbridge.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job writer reads a group's idempotency keys with one {@code IN} list per client. H2 walks an
 * {@code IN} list through an index only when its column comes first in the index; with the
 * client first, each group commit read every job of that client (found by profiling the peak:
 * the writer's largest cost, growing with the table). This reads H2's plan of the repository's
 * own query on the migrated schema.
 */
class IdempotencyLookupPlanTest {

    @TempDir
    Path dir;

    @Test
    void theGroupsKeyLookupIsAnIndexLookupPerKeyNotAScanOfTheClientsJobs() throws Exception {
        String query = JobRepository.class
                .getMethod("findByRequestedByAndIdempotencyKeys", String.class, List.class)
                .getAnnotation(Query.class)
                .value()
                .replace(":requestedBy", "'erp'")
                .replace(":keys", "'key-1', 'key-2', 'key-3'");
        Map<String, Object> properties = new HashMap<>(TestDatabase.H2.properties(dir.resolve("data")));
        try (ApplicationContext context = ApplicationContext.run(properties, "cli");
                Connection connection = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class))
                        .getConnection();
                Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
            assertThat(plan.next()).isTrue();
            // H2 names the index and the conditions it looks up in a comment of the plan.
            assertThat(plan.getString(1).replaceAll("\\s+", " "))
                    .containsIgnoringCase("JOBS_IDEMPOTENCY: IDEMPOTENCY_KEY IN('key-1', 'key-2', 'key-3')");
        }
    }
}
