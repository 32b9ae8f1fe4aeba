package io.printbridge.agent.exec;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a journal file with a compacted one so that a crash at any moment leaves a whole
 * journal: the old file until the move, the new one after it.
 */
final class JournalRewriter {

    private static final Logger log = LoggerFactory.getLogger(JournalRewriter.class);

    private JournalRewriter() {}

    /** The side file a compaction writes before moving it over the journal. */
    static Path compactingFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    /**
     * Writes {@code entries} to the side file, forces it to disk, and moves it over {@code file}.
     * Always forced, whatever the journal's sync setting: without it a power cut soon after the
     * move can leave an empty file where the whole journal was.
     */
    static void replace(Path file, Iterable<Entry> entries) throws IOException {
        Path compacting = compactingFile(file);
        try (FileChannel channel = FileChannel.open(compacting, CREATE, TRUNCATE_EXISTING, WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            write(out, JournalFormat.header());
            for (Entry entry : entries) {
                write(out, JournalFormat.frame(entry));
            }
            out.flush();
            channel.force(true);
        }
        try {
            Files.move(compacting, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems (network shares) cannot rename over a file atomically. The plain
            // move deletes the old file then renames; a crash in between leaves only the side
            // file, whole and forced, which recoverInterruptedCompaction() puts in place.
            log.warn("journal {}: the file system cannot replace it atomically; replacing it in two steps", file);
            Files.move(compacting, file, REPLACE_EXISTING);
        }
        syncDirectory(file);
    }

    /**
     * Cleans up after a crash during {@link #replace}. A side file next to the journal was not
     * moved yet: the journal is still the whole old one, and the side file is dropped. A side
     * file without a journal was complete (it is forced before the move starts) and the crash
     * came in the middle of a two-step move: the side file becomes the journal.
     */
    static void recoverInterruptedCompaction(Path file) throws IOException {
        Path compacting = compactingFile(file);
        if (!Files.exists(compacting)) {
            return;
        }
        if (Files.exists(file)) {
            log.info("journal {}: dropping {}, left by a compaction that did not finish", file, compacting);
            Files.delete(compacting);
        } else {
            log.warn(
                    "journal {}: missing; taking {}, written whole by a compaction that was moving it",
                    file,
                    compacting);
            Files.move(compacting, file);
            syncDirectory(file);
        }
    }

    /**
     * Makes a file's creation or renaming durable: on Linux a rename is only on disk once its
     * directory is forced. Windows cannot open a directory; NTFS journals renames itself.
     */
    static void syncDirectory(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(directory, READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug(
                    "journal {}: directory {} cannot be forced ({}); relying on the file system",
                    file,
                    directory,
                    e.toString());
        }
    }

    private static void write(OutputStream out, ByteBuffer frame) throws IOException {
        out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    }
}
