package io.printbridge.agent.enrol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;

/**
 * Writes files whole or not at all: into a temporary file beside the target, then moved over it,
 * so that a crash or a full disk never leaves half a key or half a configuration. Files marked
 * private are readable by their owner only: mode 600 where the file system is POSIX, created so
 * from the start; on Windows (ACLs), an access list that names the owner alone, set before
 * anything is written, as a best effort (a file system with neither keeps its defaults, and
 * {@link #write} says so).
 */
final class PrivateFiles {

    private PrivateFiles() {}

    /**
     * Writes {@code text} to {@code target}.
     *
     * @param ownerOnly readable by the owner alone
     * @return false when {@code ownerOnly} could not be enforced here (neither POSIX nor ACLs)
     */
    static boolean write(Path target, String text, boolean ownerOnly) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temporary = posix && ownerOnly
                ? Files.createTempFile(
                        directory,
                        "." + target.getFileName(),
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        boolean enforced = !ownerOnly || posix;
        try {
            if (ownerOnly && !posix) {
                enforced = ownerOnlyAcl(temporary);
            }
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return enforced;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** An access list with the owner alone; false when the file system has no ACLs or refuses. */
    private static boolean ownerOnlyAcl(Path file) {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) {
            return false;
        }
        try {
            UserPrincipal owner = acl.getOwner();
            acl.setAcl(List.of(AclEntry.newBuilder()
                    .setType(AclEntryType.ALLOW)
                    .setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                    .build()));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
