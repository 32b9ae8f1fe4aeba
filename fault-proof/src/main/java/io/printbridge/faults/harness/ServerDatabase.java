package io.printbridge.faults.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server's database for a run: the embedded H2 file (nothing to configure, it lives in the
 * server's data directory) or a PostgreSQL schema of its own, which can be restarted as a fault.
 */
public sealed interface ServerDatabase extends AutoCloseable {

    /** The server's {@code -D} settings for it. */
    List<String> serverProperties();

    /** Whether {@link #restart()} can be injected here; say why not otherwise. */
    Optional<String> whyNoRestart();

    /** Restarts the database server under the bridge server's feet. */
    void restart() throws IOException, InterruptedException;

    /** How much room the database takes: H2's files under {@code serverDir}, or the schema's tables and indexes. */
    long sizeBytes(Path serverDir) throws IOException;

    @Override
    void close();

    static ServerDatabase of(RunSettings.DatabaseKind kind, long seed) {
        return switch (kind) {
            case H2 -> new H2();
            case POSTGRES -> Postgres.create("fault_run_" + Long.toUnsignedString(seed, 36));
        };
    }

    /** H2 in the server's own process: it restarts with the server. */
    record H2() implements ServerDatabase {
        @Override
        public List<String> serverProperties() {
            return List.of();
        }

        @Override
        public Optional<String> whyNoRestart() {
            return Optional.of("H2 is embedded in the server: it restarts when the server does");
        }

        @Override
        public void restart() {
            throw new UnsupportedOperationException("H2 is embedded in the server");
        }

        @Override
        public long sizeBytes(Path serverDir) throws IOException {
            try (Stream<Path> files = Files.walk(serverDir.resolve("data"))) {
                long total = 0;
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().startsWith("bridge."))
                        .toList()) {
                    total += Files.size(file);
                }
                return total;
            }
        }

        @Override
        public void close() {}
    }

    /**
     * A fresh schema on the PostgreSQL at {@code bridge.test.postgres.url} (127.0.0.1:5432, database
     * {@code test}, as on this machine and in CI), dropped at the end.
     */
    record Postgres(String url, String user, String schema) implements ServerDatabase {

        static Postgres create(String schema) {
            String url = System.getProperty("bridge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
            String user = System.getProperty("bridge.test.postgres.user", "postgres");
            Postgres postgres = new Postgres(url, user, schema);
            postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            return postgres;
        }

        @Override
        public List<String> serverProperties() {
            return List.of(
                    "-Ddatasources.default.url=" + url + "?currentSchema=" + schema,
                    "-Ddatasources.default.username=" + user,
                    "-Ddatasources.default.password=",
                    "-Dflyway.datasources.default.schemas=" + schema,
                    "-Dflyway.datasources.default.create-schemas=true");
        }

        @Override
        public Optional<String> whyNoRestart() {
            return whyClusterCannotRestart();
        }

        /** Why this machine's PostgreSQL cannot be restarted by a run, if it cannot. */
        static Optional<String> whyClusterCannotRestart() {
            if (cluster().isEmpty()) {
                return Optional.of("no pg_ctlcluster and /etc/postgresql cluster on this machine");
            }
            return Optional.empty();
        }

        /**
         * A fast restart ({@code -m fast}: open connections are cut, as in a crash of the backends
         * or a failover), through Debian's cluster tool as this machine's image and CI run it.
         */
        @Override
        public void restart() throws IOException, InterruptedException {
            String version =
                    cluster().orElseThrow(() -> new IOException(whyNoRestart().orElse("")));
            Process restart = new ProcessBuilder(
                            "pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(restart.getInputStream().readAllBytes());
            if (restart.waitFor() != 0) {
                throw new IOException("pg_ctlcluster restart failed: " + output.trim());
            }
        }

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }

        @Override
        public long sizeBytes(Path serverDir) throws IOException {
            try (Connection connection = DriverManager.getConnection(url, user, "");
                    java.sql.PreparedStatement query = connection.prepareStatement(
                            "SELECT COALESCE(SUM(pg_total_relation_size(quote_ident(schemaname) || '.' ||"
                                    + " quote_ident(tablename))), 0) FROM pg_tables WHERE schemaname = ?")) {
                query.setString(1, schema);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            } catch (SQLException e) {
                throw new IOException("size of schema " + schema + ": " + e.getMessage(), e);
            }
        }

        private static Optional<String> cluster() {
            Path etc = Path.of("/etc/postgresql");
            if (!Files.isDirectory(etc) || !onPath("pg_ctlcluster")) {
                return Optional.empty();
            }
            try (Stream<Path> versions = Files.list(etc)) {
                return versions.map(p -> p.getFileName().toString()).sorted().findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        private static boolean onPath(String command) {
            String path = System.getenv("PATH");
            return path != null
                    && Stream.of(path.split(java.io.File.pathSeparator))
                            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        }

        private void execute(String sql) {
            for (int attempt = 1; ; attempt++) {
                try (Connection connection = DriverManager.getConnection(url, user, "");
                        Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                    return;
                } catch (SQLException e) {
                    if (attempt == 10) {
                        throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", interrupted);
                    }
                }
            }
        }
    }
}
