package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's embedded H2 database as the configuration names it ({@code datasources.default.url},
 * by default a file under {@code bridge.data-dir}), for the commands that work on its file: backup
 * and restore. Read from the configuration alone, without starting the server's beans, so that
 * nothing creates or migrates a database on the way.
 *
 * @param url the JDBC URL, {@code jdbc:h2:file:<base>;<options>}
 * @param user the database user
 * @param password its password
 * @param base the file name without H2's {@code .mv.db}
 */
record EmbeddedDatabase(String url, String user, String password, Path base) {

    private static final String H2_FILE = "jdbc:h2:file:";

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    /** H2's DATABASE_NOT_FOUND_WITH_IF_EXISTS_1. */
    private static final int H2_NO_DATABASE = 90146;

    EmbeddedDatabase {
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        requireNonNull(base, "base");
    }

    /**
     * The configured database, if it is an H2 file; {@code postgresAdvice} is the sentence that
     * says what to use instead on PostgreSQL (pg_dump, pg_restore).
     */
    static EmbeddedDatabase configured(CliEnvironment environment, String postgresAdvice) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(ServerCommand.ENVIRONMENT)
                .properties(environment.properties())
                .build();
        Environment settings = context.getEnvironment();
        settings.start();
        try {
            String url = settings.getProperty("datasources.default.url", String.class)
                    .orElse("");
            String user = settings.getProperty("datasources.default.username", String.class)
                    .orElse("");
            String password = settings.getProperty("datasources.default.password", String.class)
                    .orElse("");
            if (url.startsWith("jdbc:postgresql:")) {
                throw new CliRefusal("the database is PostgreSQL (" + withoutOptions(url) + "): " + postgresAdvice);
            }
            if (!url.startsWith(H2_FILE)) {
                throw new CliRefusal("datasources.default.url: " + withoutOptions(url)
                        + " (expected: the embedded H2 file, jdbc:h2:file:..., or PostgreSQL)");
            }
            int options = url.indexOf(';');
            String base = url.substring(H2_FILE.length(), options < 0 ? url.length() : options);
            return new EmbeddedDatabase(url, user, password, Path.of(base).toAbsolutePath());
        } finally {
            settings.stop();
        }
    }

    /** H2's file: {@code <base>.mv.db}. */
    Path file() {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    /** The name of {@link #file()} inside a backup zip. */
    String entryName() {
        return file().getFileName().toString();
    }

    /**
     * A connection to the existing file; {@code whatFor} ends the sentence telling to stop a server
     * that holds it ("back up", "restore").
     */
    Connection connect(String whatFor) {
        try {
            return DriverManager.getConnection(url + ";IFEXISTS=TRUE", user, password);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_IN_USE
                    || (e.getMessage() != null && e.getMessage().contains("The file is locked"))) {
                throw new CliFailure(
                        "the database " + file() + " is in use by a running server (an H2 file can be opened by one"
                                + " process at a time): stop the server first (systemctl stop printbridge-server), "
                                + whatFor + ", then start it again",
                        e);
            }
            if (e.getErrorCode() == H2_NO_DATABASE) {
                throw new CliRefusal(
                        "no database at " + file()
                                + " (expected: the data directory of a server that has run, bridge.data-dir or BRIDGE_DATA_DIR)");
            }
            throw new CliFailure("cannot open the database " + file() + ": " + e.getMessage(), e);
        }
    }

    /** How many jobs the database holds, and how many of them wait to be printed (QUEUED or SENT). */
    static String jobCount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), COUNT(CASE WHEN state IN ('QUEUED', 'SENT') THEN 1 END) FROM jobs")) {
            rows.next();
            return rows.getLong(1) + " job(s), " + rows.getLong(2) + " waiting to print";
        }
    }

    private static String withoutOptions(String url) {
        int options = url.indexOf(';');
        int query = url.indexOf('?');
        int end = url.length();
        if (options >= 0) {
            end = Math.min(end, options);
        }
        if (query >= 0) {
            end = Math.min(end, query);
        }
        return url.substring(0, end);
    }
}
