package io.printbridge.server;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bridge.data-dir}, kept for the server's account alone: the H2 database there holds every
 * job's print data (receipts, customers, amounts).
 *
 * <p>Created before anything else ({@code @Context}, first in order), so the directory exists with
 * {@code rwx------} before the database pool makes H2 create its files in it. A process cannot set
 * its umask from Java, so H2's files are born with the umask's mode (often {@code rw-r--r--}): the
 * directory is what keeps others out of them, and they are tightened to {@code rw-------} as well,
 * here for the files of an earlier run and again once the server has started. A directory that
 * already exists with more permissions is tightened, with a log line saying so.
 *
 * <p>Where the file system has no POSIX permissions (Windows), nothing is changed: the directory
 * inherits its parent's access list, which the service's installation should restrict.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class DataDirectory implements ApplicationEventListener<StartupEvent> {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
            Set.copyOf(PosixFilePermissions.fromString("rwx------"));
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = Set.copyOf(PosixFilePermissions.fromString("rw-------"));

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final Path directory;
    private final boolean posix;

    @Inject
    DataDirectory(@Value("${bridge.data-dir}") String directory) {
        this(Path.of(directory));
    }

    DataDirectory(Path directory) {
        this.directory = directory;
        this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "bridge.data-dir: " + directory.toAbsolutePath() + " cannot be made owner-only (" + e.getMessage()
                            + "; expected: a directory this account can create or own)",
                    e);
        }
    }

    Path path() {
        return directory;
    }

    private void prepare() throws IOException {
        if (!posix) {
            Files.createDirectories(directory);
            log.info(
                    "data directory {}: no POSIX permissions on this file system; restrict its access list to the"
                            + " service's account (it holds print data)",
                    directory.toAbsolutePath());
            return;
        }
        if (Files.notExists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            // The umask only removes permissions: rwx------ survives it, but say it as it is.
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
            log.info("data directory {} created, owner-only (rwx------)", directory.toAbsolutePath());
        } else {
            Set<PosixFilePermission> was = Files.getPosixFilePermissions(directory);
            if (!was.equals(OWNER_ONLY_DIRECTORY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
                log.warn(
                        "data directory {} was {}: tightened to rwx------ (it holds print data)",
                        directory.toAbsolutePath(),
                        PosixFilePermissions.toString(was));
            }
        }
        tightenDatabaseFiles();
    }

    /** The H2 files ({@code *.db}: {@code .mv.db}, {@code .trace.db}, {@code .lock.db}) to {@code rw-------}. */
    void tightenDatabaseFiles() throws IOException {
        if (!posix || !Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.db")) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Set<PosixFilePermission> was = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY_FILE.containsAll(was)) {
                    Set<PosixFilePermission> owner = EnumSet.copyOf(OWNER_ONLY_FILE);
                    owner.retainAll(was); // never add a permission, only take the group's and others' away
                    Files.setPosixFilePermissions(file, owner);
                    log.info(
                            "database file {} was {}: tightened to {}",
                            file.toAbsolutePath(),
                            PosixFilePermissions.toString(was),
                            PosixFilePermissions.toString(owner));
                }
            }
        }
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            tightenDatabaseFiles(); // the ones H2 created since the constructor ran
        } catch (IOException e) {
            log.warn("database files in {} could not be made owner-only: {}", directory.toAbsolutePath(), e.toString());
        }
    }
}
