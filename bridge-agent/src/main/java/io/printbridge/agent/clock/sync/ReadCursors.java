package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clocks' read cursors, one small file per clock in the agent's data directory, replaced
 * atomically and forced to the disk before the move: a crash leaves the old cursor or the new,
 * and an old cursor only means records are sent again (the server keeps each once).
 */
public final class ReadCursors {

    private static final Logger log = LoggerFactory.getLogger(ReadCursors.class);

    private final Path directory;
    /** What each file holds, once read or written: the worker asks at every turn of its loop. */
    private final Map<String, ReadCursor> known = new ConcurrentHashMap<>();

    /** @param directory where the cursors live ({@code <data>/clocks}); created when needed */
    public ReadCursors(Path directory) {
        this.directory = requireNonNull(directory, "directory");
    }

    ReadCursor read(String clock) {
        return known.computeIfAbsent(clock, this::load);
    }

    private ReadCursor load(String clock) {
        Path file = file(clock);
        if (!Files.exists(file)) {
            return ReadCursor.NONE;
        }
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return new ReadCursor(
                    properties.getProperty("serial", ""),
                    Integer.parseInt(properties.getProperty("count", "0")),
                    properties.getProperty("last-key", ""));
        } catch (IOException | RuntimeException e) {
            // Reading everything again is safe (the server keeps each punch once); guessing is not.
            log.warn(
                    "clock {}: read cursor {} unreadable ({}); the whole log will be sent again",
                    clock,
                    file,
                    e.toString());
            return ReadCursor.NONE;
        }
    }

    void write(String clock, ReadCursor cursor) {
        Properties properties = new Properties();
        properties.setProperty("serial", cursor.serial());
        properties.setProperty("count", Integer.toString(cursor.count()));
        properties.setProperty("last-key", cursor.lastKey());
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "records of clock " + clock + " the server acknowledged as stored");
            Files.createDirectories(directory);
            Path target = file(clock);
            Path temporary = directory.resolve(target.getFileName() + ".tmp");
            // A stream, not a FileChannel: a channel is closed by an interrupt (the agent stopping) half way.
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.getFD().sync();
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            known.put(clock, cursor);
        } catch (IOException e) {
            throw new UncheckedIOException("clock " + clock + ": cannot write its read cursor in " + directory, e);
        }
    }

    private Path file(String clock) {
        return directory.resolve(clock + ".cursor");
    }
}
