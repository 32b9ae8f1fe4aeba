package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge.data-dir} and the H2 files in it are the server account's alone: they hold print data. */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "no POSIX permissions on this file system (Windows): the data directory is left to its access list");
    }

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly() throws Exception {
        Path data = dir.resolve("var/data");

        new DataDirectory(data);

        assertThat(permissions(data)).isEqualTo("rwx------");
    }

    @Test
    void anOpenDataDirectoryAndItsDatabaseFilesAreTightenedWithALogLine() throws Exception {
        Path data = Files.createDirectory(
                dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path database = Files.writeString(data.resolve("bridge.mv.db"), "h2");
        Path trace = Files.writeString(data.resolve("bridge.trace.db"), "h2");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-rw-rw-"));

        try (LogCapture log = new LogCapture(DataDirectory.class.getName())) {
            new DataDirectory(data);

            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("was rwxr-xr-x: tightened to rwx------"));
        }
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(database)).isEqualTo("rw-------");
        assertThat(permissions(trace)).isEqualTo("rw-------");
    }

    @Test
    void aFileThatWasReadOnlyStaysReadOnly() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path database = Files.writeString(data.resolve("old.mv.db"), "h2");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--r--r--"));

        new DataDirectory(data);

        assertThat(permissions(database)).isEqualTo("r--------");
    }

    @Test
    void aServerOnTheDefaultDatabaseKeepsItsDirectoryAndFilesOwnerOnly() throws Exception {
        try (Bridge bridge = new Bridge(dir, List.of("alger-01"))) {
            Path data = dir.resolve("data");

            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("bridge.mv.db"))).isEqualTo("rw-------");
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
