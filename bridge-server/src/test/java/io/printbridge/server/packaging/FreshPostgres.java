package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL role and database of their own for one test, made by the shipped
 * {@code src/dist/postgres/create-database.sql} as the VPS page says, with the machine's
 * {@code psql}, and dropped at the end. PostgreSQL at 127.0.0.1:5432 (trust), superuser postgres.
 */
final class FreshPostgres implements AutoCloseable {

    static final Path SETUP_SCRIPT = Path.of("src/dist/postgres/create-database.sql");

    final String name;
    final String password = "pw-" + UUID.randomUUID();

    private FreshPostgres(String name) {
        this.name = name;
    }

    /** Skips the test where PostgreSQL is absent, unless {@code bridge.test.postgres.required}. */
    static FreshPostgres create() throws Exception {
        TestDatabase.assumePostgres();
        FreshPostgres database = new FreshPostgres(
                "vps_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        database.setUp();
        return database;
    }

    /** The shipped script, as the page runs it: makes the role (if new) and the database (if new). */
    void setUp() throws Exception {
        run(List.of(
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "role=" + name,
                "-v",
                "database=" + name,
                "-v",
                "password=" + password,
                "-f",
                SETUP_SCRIPT.toString()));
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** The server's settings for this database, as the environment file writes them. */
    Map<String, String> environment() {
        return Map.of(
                "DATASOURCES_DEFAULT_URL",
                url(),
                "DATASOURCES_DEFAULT_USERNAME",
                name,
                "DATASOURCES_DEFAULT_PASSWORD",
                password);
    }

    /** The same, as -D properties. */
    Map<String, String> properties() {
        return Map.of(
                "datasources.default.url",
                url(),
                "datasources.default.username",
                name,
                "datasources.default.password",
                password);
    }

    /** psql as the superuser on database {@code postgres}. */
    static String psql(String sql) throws Exception {
        return run(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc", sql));
    }

    /** Runs a PostgreSQL client tool; fails the test, with its output, unless it exits 0. */
    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }

    @Override
    public void close() throws Exception {
        psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        psql("DROP ROLE IF EXISTS " + name);
    }
}
