package io.printbridge.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the server's tests run on: H2 (a file in the test's directory, so a restart
 * finds its data again) and PostgreSQL at 127.0.0.1:5432, database {@code test}, where each
 * {@link #properties} call gets a schema of its own.
 */
public enum TestDatabase {
    H2 {
        @Override
        public Map<String, Object> properties(Path dataDir) {
            return Map.of("bridge.data-dir", dataDir.toString());
        }
    },
    POSTGRES {
        @Override
        public Map<String, Object> properties(Path dataDir) {
            // One schema per data directory: a restarted server finds its own data, tests never share.
            String schema =
                    "bridge_" + Integer.toHexString(dataDir.toAbsolutePath().hashCode() & 0x7fffffff);
            return Map.of(
                    "bridge.data-dir",
                    dataDir.toString(),
                    "datasources.default.url",
                    URL + "?currentSchema=" + schema,
                    "datasources.default.username",
                    USER,
                    "datasources.default.password",
                    "",
                    "flyway.datasources.default.schemas",
                    schema,
                    "flyway.datasources.default.create-schemas",
                    true);
        }
    };

    /** Where CI and this machine run PostgreSQL (trust authentication). */
    public static final String URL =
            System.getProperty("bridge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    public static final String USER = System.getProperty("bridge.test.postgres.user", "postgres");

    public abstract Map<String, Object> properties(Path dataDir);

    /** Whether PostgreSQL answers; {@code .ci/run} makes its absence a failure before tests start. */
    public static boolean postgresReachable() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Skips the calling test where PostgreSQL does not answer, unless {@code
     * bridge.test.postgres.required} (set by {@code .ci/run}): there the test runs, and fails.
     */
    public static void assumePostgres() {
        if (!Boolean.getBoolean("bridge.test.postgres.required")) {
            Assumptions.assumeTrue(postgresReachable(), "PostgreSQL is not reachable at " + URL);
        }
    }

    /** {@link #assumePostgres} for PostgreSQL; nothing for H2, which is always there. */
    public void assumeAvailable() {
        if (this == POSTGRES) {
            assumePostgres();
        }
    }

    static String uniqueName() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
