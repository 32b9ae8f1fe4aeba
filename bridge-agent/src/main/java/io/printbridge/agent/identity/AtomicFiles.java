package io.printbridge.agent.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files replaced whole or not at all: written to a temporary file beside the target, flushed to the
 * disk, then renamed over it. A power cut leaves the old file or the new one, never half of either,
 * so the agent always finds a certificate and a key it can read.
 */
final class AtomicFiles {

    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param ownerOnly readable by this account only (a private key): POSIX mode 600, or on Windows
     *     an access list with the owner alone (best effort: logged when the file system refuses)
     */
    static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = POSIX
                ? Files.createTempFile(
                        directory,
                        "." + target.getFileName(),
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")))
                : Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            if (ownerOnly && !POSIX) {
                restrictToOwner(temporary);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code from} over {@code to} in one step. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Not on one file system (never for files side by side); a plain replace then.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restrictToOwner(Path file) {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            log.warn("{}: this file system cannot restrict the file to its owner; protect the folder instead", file);
            return;
        }
        try {
            acl.setAcl(List.of(AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(Files.getOwner(file))
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .build()));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn(
                    "{}: could not restrict the file to its owner ({}); protect the folder instead",
                    file,
                    e.toString());
        }
    }
}
