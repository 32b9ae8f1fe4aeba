package io.printbridge.agent.exec;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal that survives agent restarts: an append-only file of "started" and "finished"
 * records (see {@link JournalFormat}) in a directory, read back when opened. A command started
 * by an earlier run and never finished comes back {@link Entry.State#INTERRUPTED}.
 *
 * <p>{@link #started} has written its record to the operating system when it returns, so a
 * killed agent does not lose it; with {@code syncToDisk} it has also forced it to the disk, so
 * a power cut does not either, at the cost of a disk flush per record (on the development VM's
 * ext4: 0.3 ms median, 3 ms at the 90th percentile, 5 ms at the 99th; a shop PC's disk may be
 * slower). It keeps at most {@code capacity} commands, forgetting the oldest, and rewrites the
 * file from memory when it holds more than twice that many records.
 *
 * <p>Thread-safe: every operation holds the journal's lock, writes included, so records never
 * interleave. The printers are far slower than the disk, so nobody waits on that lock for long.
 */
public final class FileExecutionJournal implements ExecutionJournal, AutoCloseable {

    /** The journal's file inside its directory. */
    public static final String FILE_NAME = "commands.journal";
    /** Locked by the agent using the directory's journal. */
    public static final String LOCK_FILE_NAME = "journal.lock";

    private static final Logger log = LoggerFactory.getLogger(FileExecutionJournal.class);

    private final Path file;
    /** Held while the journal is open: one agent per journal directory. */
    private final FileLock lock;

    private final int capacity;
    private final boolean syncToDisk;
    /** Records were appended since the last force. */
    private boolean unsynced;

    private final Clock clock;
    private final BoundedEntries entries;
    private FileChannel channel;
    /** Where the whole records end: the next record goes here. */
    private long length;
    /** Records in the file, current or superseded; compaction brings it down to the live entries. */
    private long records;
    /** Compaction runs once {@link #records} exceeds this: twice the capacity, later after a failed try. */
    private long compactPastRecords;
    /** Set when a failed write could not be cut off again: writing on would put damage mid-file. */
    private @Nullable IOException broken;

    private boolean closed;

    private FileExecutionJournal(
            Path file,
            FileLock lock,
            int capacity,
            boolean syncToDisk,
            Clock clock,
            BoundedEntries entries,
            FileChannel channel,
            long length,
            long records) {
        this.file = file;
        this.lock = lock;
        this.capacity = capacity;
        this.syncToDisk = syncToDisk;
        this.clock = clock;
        this.entries = entries;
        this.channel = channel;
        this.length = length;
        this.records = records;
        this.compactPastRecords = 2L * capacity;
    }

    /**
     * Opens the journal in {@code directory} (created if missing), reading back what earlier
     * runs recorded. A last record cut short by a crash is dropped with a warning.
     *
     * @param capacity how many commands to remember; a redelivery of an older one would run again
     * @param syncToDisk whether each record is forced to the disk before the call returns
     * @throws CorruptJournalException if the file is damaged before its last record; the message
     *     says where and what to do
     */
    public static FileExecutionJournal open(Path directory, int capacity, boolean syncToDisk) throws IOException {
        return open(directory, capacity, syncToDisk, Clock.systemUTC());
    }

    static FileExecutionJournal open(Path directory, int capacity, boolean syncToDisk, Clock clock) throws IOException {
        requireNonNull(directory, "directory");
        requireNonNull(clock, "clock");
        Files.createDirectories(directory);
        FileLock lock = lock(directory);
        Path file = directory.resolve(FILE_NAME);
        try {
            return open(file, lock, capacity, syncToDisk, clock);
        } catch (IOException | RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /** Takes the directory's lock file, or fails naming the problem if another journal holds it. */
    private static FileLock lock(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK_FILE_NAME);
        FileChannel channel = FileChannel.open(lockFile, CREATE, WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new JournalInUseException(directory, lockFile);
        }
        return lock;
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            log.debug("releasing the journal lock: {}", e.toString());
        }
    }

    private static FileExecutionJournal open(Path file, FileLock lock, int capacity, boolean syncToDisk, Clock clock)
            throws IOException {
        BoundedEntries entries = new BoundedEntries(capacity);
        JournalRewriter.recoverInterruptedCompaction(file);
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, CREATE, WRITE);
        try {
            JournalFileReader.Contents contents = JournalFileReader.read(file);
            contents.records().forEach(entries::put);
            int interrupted = entries.interruptRunning();
            long length = contents.validLength();
            if (length < contents.fileLength()) {
                log.warn(
                        "journal {}: dropping {} bytes at offset {}: the last record, cut short when the agent"
                                + " stopped",
                        file,
                        contents.fileLength() - length,
                        length);
                channel.truncate(length);
            }
            if (length == 0) {
                writeFully(channel, JournalFormat.header(), 0);
                length = JournalFormat.HEADER_BYTES;
            }
            channel.force(true);
            if (created) {
                JournalRewriter.syncDirectory(file);
            }
            if (interrupted > 0) {
                log.warn(
                        "journal {}: {} command(s) started before the agent stopped and never finished; a redelivery"
                                + " is answered INTERRUPTED, not executed again",
                        file,
                        interrupted);
            }
            log.info("journal {}: {} command(s) remembered (capacity {})", file, entries.size(), capacity);
            FileExecutionJournal journal = new FileExecutionJournal(
                    file,
                    lock,
                    capacity,
                    syncToDisk,
                    clock,
                    entries,
                    channel,
                    length,
                    contents.records().size());
            synchronized (journal) {
                journal.compactIfDue(); // the capacity may have shrunk since the last run
            }
            return journal;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The journal file, for messages. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Entry> find(String commandId) {
        return Optional.ofNullable(entries.get(requireNonNull(commandId, "commandId")));
    }

    @Override
    public synchronized void started(String commandId) {
        Entry entry = Entry.running(requireNonNull(commandId, "commandId"), clock.instant());
        withInterruptCleared(() -> {
            // The file first: memory must not say "running" about a command that left no trace.
            append(entry, true);
            entries.put(entry);
            compactIfDue();
        });
    }

    @Override
    public synchronized void finished(String commandId, CommandResult result) {
        requireNonNull(commandId, "commandId");
        requireNonNull(result, "result");
        Entry entry = Entry.finished(commandId, entries.startedAt(commandId, clock.instant()), result);
        // Memory first: the printer has acted, so a redelivery during this run is answered from
        // here even if the disk fails.
        entries.put(entry);
        withInterruptCleared(() -> {
            append(entry, false);
            compactIfDue();
        });
    }

    @Override
    public synchronized void sync() {
        if (!unsynced || closed || broken != null) {
            return;
        }
        withInterruptCleared(() -> {
            try {
                channel.force(false);
                unsynced = false;
            } catch (IOException e) {
                // The outcome stays in memory for this run; after a restart it would read as interrupted.
                log.warn("journal {}: forcing recorded outcomes to the disk failed: {}", file, e.toString());
            }
        });
    }

    /** Forces what was written to the disk and closes the file. Entries stay readable; writes fail. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        withInterruptCleared(() -> {
            try {
                if (broken == null) {
                    channel.force(true);
                }
                channel.close();
            } catch (IOException e) {
                log.warn("journal {}: closing failed: {}", file, e.toString());
            }
            release(lock);
        });
    }

    /** Appends one record; {@code force} (with syncToDisk) puts it, and every record before it, on the disk. */
    private void append(Entry entry, boolean force) {
        if (closed) {
            throw new IllegalStateException("journal " + file + " is closed (expected: open while commands run)");
        }
        if (broken != null) {
            throw new UncheckedIOException(
                    "journal " + file + " takes no more records: an earlier write failed and" + " could not be cut off",
                    broken);
        }
        ByteBuffer frame = JournalFormat.frame(entry);
        try {
            long end = writeFully(channel, frame, length);
            if (syncToDisk && force) {
                // Data only (fdatasync): the file's growing size is included, its timestamps are not.
                channel.force(false);
                unsynced = false;
            } else {
                unsynced = true;
            }
            length = end;
            records++;
        } catch (IOException e) {
            cutOffPartialRecord(e);
            throw new UncheckedIOException(
                    "journal " + file + ": could not record that command " + entry.commandId()
                            + (entry.state() == Entry.State.FINISHED ? " finished" : " started") + ": " + e,
                    e);
        }
    }

    /**
     * After a failed write, cuts the file back to its whole records: a later record written
     * after a partial one would make damage in the middle, which the next start refuses.
     */
    private void cutOffPartialRecord(IOException failure) {
        try {
            if (!channel.isOpen()) {
                // An interrupt during I/O closes a FileChannel (ClosedByInterruptException). The
                // journal outlives the interrupted thread, so it takes a new channel.
                channel = FileChannel.open(file, WRITE);
            }
            channel.truncate(length);
        } catch (IOException e) {
            failure.addSuppressed(e);
            broken = failure;
            log.error("journal {}: a failed write could not be cut off; no more commands will be executed", file, e);
        }
    }

    /** Rewrites the file with the live entries once it holds more than twice the capacity in records. */
    private void compactIfDue() {
        if (records <= compactPastRecords || closed || broken != null) {
            return;
        }
        List<Entry> live = entries.inOrder();
        @Nullable Exception failure = null;
        try {
            // Closed first: Windows may refuse to replace a file that is open.
            channel.close();
            JournalRewriter.replace(file, live);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            channel = FileChannel.open(file, WRITE);
            length = channel.size();
        } catch (IOException e) {
            broken = e;
            log.error("journal {}: cannot reopen it after compaction; no more commands will be executed", file, e);
            return;
        }
        if (failure != null) {
            // The old file is still whole: keep appending to it and try again later.
            compactPastRecords = records + capacity;
            log.warn(
                    "journal {}: compaction failed, trying again after {} more records: {}",
                    file,
                    capacity,
                    failure.toString());
            return;
        }
        unsynced = false; // the rewritten file was forced before it replaced the old one
        log.debug("journal {}: compacted {} records to {}", file, records, live.size());
        records = live.size();
        compactPastRecords = 2L * capacity;
    }

    private static long writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return at;
    }

    /**
     * Runs file I/O with the thread's interrupt flag cleared, then restores it. An interrupted
     * thread (a printer worker being shut down) must still record the outcome of what it printed,
     * and a FileChannel would refuse, and close itself, at the first I/O.
     */
    private static void withInterruptCleared(Runnable io) {
        boolean interrupted = Thread.interrupted();
        try {
            io.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
