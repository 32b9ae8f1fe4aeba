package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge-server backup} and {@code restore} on the embedded database, in process: what a
 * round trip keeps, and what each refuses, with which message and exit status. The packaged
 * server's round trip with jobs, on both databases, is {@code BackupRestoreIT}.
 */
class BackupRestoreCommandTest {

    @TempDir
    Path dir;

    private CommandLine bridgeServer(String... args) {
        return CommandLine.run(dir.resolve("data"), Map.of(), args);
    }

    @Test
    void restoreBringsBackTheDatabaseAsItWasAtTheBackup() {
        assertThat(bridgeServer("tokens", "create", "--name", "before", "--stores", "*")
                        .exit())
                .isZero();
        Path backup = dir.resolve("b.zip");
        CommandLine backedUp = bridgeServer("backup", "--to", backup.toString());
        assertThat(backedUp.exit()).as(backedUp.err()).isZero();
        assertThat(backedUp.out().strip()).isEqualTo(backup.toAbsolutePath().toString());
        assertThat(backedUp.err()).contains("0 job(s), 0 waiting to print");
        assertThat(bridgeServer("tokens", "create", "--name", "after", "--stores", "*")
                        .exit())
                .isZero();

        CommandLine restored = bridgeServer("restore", "--from", backup.toString(), "--force");

        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.err()).contains("the database it replaced is kept as");
        String tokens = bridgeServer("tokens", "list").out();
        assertThat(tokens).contains("before").doesNotContain("after");
    }

    @Test
    void backupNeverOverwritesAFile() throws Exception {
        bridgeServer("tokens", "create", "--name", "x", "--stores", "*");
        Path existing = Files.writeString(dir.resolve("old.zip"), "keep me");

        CommandLine refused = bridgeServer("backup", "--to", existing.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--to: " + existing.toAbsolutePath() + " exists (expected: a new file");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void backupWantsAZipName() {
        CommandLine refused =
                bridgeServer("backup", "--to", dir.resolve("b.sql").toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("(expected: a file name ending in .zip)");
    }

    @Test
    void backupOfADataDirectoryWithoutADatabaseSaysWhereItLooked() {
        CommandLine refused =
                bridgeServer("backup", "--to", dir.resolve("b.zip").toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("no database at " + dir.resolve("data").toAbsolutePath())
                .contains("expected: the data directory of a server that has run");
        assertThat(dir.resolve("data").resolve("bridge.mv.db")).doesNotExist();
    }

    @Test
    void onPostgresBackupAndRestoreSayWhatToUseInstead() {
        Map<String, Object> postgres =
                Map.of("datasources.default.url", "jdbc:postgresql://127.0.0.1:5432/bridge?ssl=false");

        CommandLine backup = CommandLine.runWith(dir.resolve("data"), postgres, "backup", "--to", "x.zip");
        CommandLine restore = CommandLine.runWith(dir.resolve("data"), postgres, "restore", "--from", "pom.xml");

        assertThat(backup.exit()).isEqualTo(2);
        assertThat(backup.err())
                .contains("the database is PostgreSQL (jdbc:postgresql://127.0.0.1:5432/bridge)")
                .contains("pg_dump -Fc");
        assertThat(restore.exit()).isEqualTo(2);
        assertThat(restore.err()).contains("the database is PostgreSQL").contains("pg_restore");
    }

    @Test
    void restoreRefusesAFileThatIsNotABackup() throws Exception {
        Path notZip = Files.writeString(dir.resolve("notes.zip"), "not a zip");

        CommandLine refused = bridgeServer("restore", "--from", notZip.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("--from: " + notZip.toAbsolutePath() + " is not a zip")
                .contains("expected: a zip made by bridge-server backup");
    }

    @Test
    void restoreRefusesAMissingFile() {
        CommandLine refused =
                bridgeServer("restore", "--from", dir.resolve("nowhere.zip").toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("is not a file (expected: a zip made by bridge-server backup)");
    }

    @Test
    void restoreReplacesADatabaseOnlyWithForce() {
        bridgeServer("tokens", "create", "--name", "kept", "--stores", "*");
        Path backup = dir.resolve("b.zip");
        assertThat(bridgeServer("backup", "--to", backup.toString()).exit()).isZero();

        CommandLine refused = bridgeServer("restore", "--from", backup.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("a database is already at").contains("(expected: --force to replace it");
        assertThat(bridgeServer("tokens", "list").out()).contains("kept");
    }

    @Test
    void restoreIntoAnEmptyDataDirectoryNeedsNoForce() {
        bridgeServer("tokens", "create", "--name", "moved", "--stores", "*");
        Path backup = dir.resolve("b.zip");
        assertThat(bridgeServer("backup", "--to", backup.toString()).exit()).isZero();

        CommandLine restored =
                CommandLine.run(dir.resolve("elsewhere"), Map.of(), "restore", "--from", backup.toString());

        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(CommandLine.run(dir.resolve("elsewhere"), Map.of(), "tokens", "list")
                        .out())
                .contains("moved");
    }
}
