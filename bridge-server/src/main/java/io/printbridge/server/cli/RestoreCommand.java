package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server restore --from FILE.zip [--force]}: puts back the embedded H2 database that
 * {@link BackupCommand} saved, with the server stopped. A database already there is replaced only
 * with {@code --force}, and kept beside as {@code bridge.mv.db.before-restore-<time>}. On
 * PostgreSQL it refuses and says to use {@code pg_restore}.
 */
@Command(
        name = "restore",
        description = {
            "Puts back the embedded H2 database from a zip made by bridge-server backup, with the server stopped.",
            "On PostgreSQL use pg_restore instead (docs/deploy/vps.en.md)."
        })
final class RestoreCommand implements Callable<Integer> {

    static final String POSTGRES_ADVICE = "restore it with pg_restore into a new database, the server stopped:"
            + " sudo -u postgres pg_restore -d bridge --no-owner --role=bridge bridge.dump (docs/deploy/vps.en.md)";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "FILE",
            description = "The backup, a zip made by bridge-server backup.")
    Path from;

    @Option(
            names = "--force",
            description = "Replace the database there is (it is kept as bridge.mv.db.before-restore-<time>).")
    boolean force;

    @Override
    public Integer call() throws IOException, SQLException {
        Path source = from.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--from: " + source + " is not a file (expected: a zip made by bridge-server backup)");
        }
        EmbeddedDatabase database = EmbeddedDatabase.configured(server.environment(), POSTGRES_ADVICE);
        Path file = database.file();
        try (ZipFile zip = openBackup(source)) {
            ZipEntry entry = zip.getEntry(database.entryName());
            if (entry == null) {
                throw new CliRefusal("--from: " + source + " holds no " + database.entryName()
                        + " (expected: a zip made by bridge-server backup)");
            }
            @Nullable Path kept = null;
            if (Files.exists(file)) {
                // Refuses while a server holds it, before anything is moved.
                database.connect("restore").close();
                if (!force) {
                    throw new CliRefusal("a database is already at " + file
                            + " (expected: --force to replace it; it is then kept as "
                            + file.getFileName() + ".before-restore-<time>)");
                }
                kept = file.resolveSibling(file.getFileName() + ".before-restore-" + STAMP.format(Instant.now()));
                Files.move(file, kept);
            }
            Path folder = requireNonNull(file.getParent(), "the database's folder"); // file is absolute
            Files.createDirectories(folder);
            Path partial = folder.resolve(file.getFileName() + ".restoring");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file);
            }
            String held;
            try (Connection connection = database.connect("restore")) {
                held = EmbeddedDatabase.jobCount(connection);
            }
            spec.commandLine()
                    .getErr()
                    .println("restored " + file + " from " + source + " (" + held + ")"
                            + (kept == null ? "" : "; the database it replaced is kept as " + kept)
                            + ". Start the server: systemctl start printbridge-server");
        }
        return 0;
    }

    private static ZipFile openBackup(Path source) throws IOException {
        try {
            return new ZipFile(source.toFile());
        } catch (ZipException e) {
            throw new CliRefusal("--from: " + source + " is not a zip (" + e.getMessage()
                    + "; expected: a zip made by bridge-server backup)");
        }
    }
}
