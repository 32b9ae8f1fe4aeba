package io.printbridge.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server backup --to FILE.zip}: a copy of the embedded H2 database (H2's
 * {@code BACKUP TO}), made with the server stopped, since an H2 file is opened by one process at a
 * time. The zip holds the database file as it was; {@link RestoreCommand} puts it back. On
 * PostgreSQL it refuses and says to use {@code pg_dump}, which works while the server runs.
 */
@Command(
        name = "backup",
        description = {
            "Copies the embedded H2 database to a new zip file, with the server stopped.",
            "On PostgreSQL use pg_dump instead (the server may run): pg_dump -Fc -f bridge.dump bridge"
        })
final class BackupCommand implements Callable<Integer> {

    static final String POSTGRES_ADVICE = "back it up with pg_dump, which works while the server runs:"
            + " sudo -u postgres pg_dump -Fc -f /var/backups/printbridge-pg/bridge.dump bridge (docs/deploy/vps.en.md)";

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FILE",
            description = "The backup to write, a new file ending in .zip (never overwritten).")
    Path to;

    @Override
    public Integer call() throws IOException, SQLException {
        Path target = to.toAbsolutePath().normalize();
        if (!target.getFileName().toString().endsWith(".zip")) {
            throw new ParameterException(
                    spec.commandLine(), "--to: " + target + " (expected: a file name ending in .zip)");
        }
        if (Files.exists(target)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--to: " + target + " exists (expected: a new file; a backup never overwrites one)");
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ParameterException(
                    spec.commandLine(), "--to: " + target + " is in no existing folder (expected: an existing folder)");
        }
        EmbeddedDatabase database = EmbeddedDatabase.configured(server.environment(), POSTGRES_ADVICE);
        try (Connection connection = database.connect("back up");
                Statement statement = connection.createStatement()) {
            String held = EmbeddedDatabase.jobCount(connection);
            statement.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // The backup holds print data, as the database does.
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            }
            spec.commandLine()
                    .getErr()
                    .println("backed up " + database.file() + " (" + held + ") to " + target + " (" + Files.size(target)
                            + " bytes)");
        }
        spec.commandLine().getOut().println(target);
        return 0;
    }
}
