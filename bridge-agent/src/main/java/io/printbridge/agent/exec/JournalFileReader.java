package io.printbridge.agent.exec;

import static io.printbridge.agent.exec.JournalFormat.FRAME_HEADER_BYTES;
import static io.printbridge.agent.exec.JournalFormat.HEADER_BYTES;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a journal file back, telling a torn last record from damage in the middle.
 *
 * <p>Only the last write can be cut short by a crash, so a bad record that no whole record
 * follows is a torn tail: it is reported (as {@link Contents#validLength()}) for the journal to
 * cut off. A bad record that a whole record follows is damage, and fails with
 * {@link CorruptJournalException}. The file is read whole: compaction keeps it to about twice
 * the journal's capacity in records.
 */
final class JournalFileReader {

    /**
     * What the file holds.
     *
     * @param records one entry per record, in file order (RUNNING for started, FINISHED for finished)
     * @param validLength where the whole records end; less than {@code fileLength} when the last
     *     record was torn, 0 when even the header was (a crash while the file was being created)
     */
    record Contents(List<Entry> records, long validLength, long fileLength) {}

    private JournalFileReader() {}

    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES) {
            byte[] header = JournalFormat.header().array();
            if (Arrays.equals(bytes, 0, bytes.length, header, 0, bytes.length)) {
                return new Contents(List.of(), 0, bytes.length); // created, then cut short mid-header
            }
            throw new CorruptJournalException(
                    file, 0, "the file has " + bytes.length + " bytes that are not the start of a journal header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int magic = buffer.getInt(0);
        int version = buffer.getInt(4);
        if (magic != JournalFormat.MAGIC || version != JournalFormat.VERSION) {
            throw new CorruptJournalException(
                    file,
                    0,
                    String.format(
                            "header 0x%08x version %d (expected: a command journal, 0x%08x version %d)",
                            magic, version, JournalFormat.MAGIC, JournalFormat.VERSION));
        }
        List<Entry> records = new ArrayList<>();
        int offset = HEADER_BYTES;
        while (offset < bytes.length) {
            String problem = frameProblem(bytes, offset);
            if (problem != null) {
                if (wholeFrameAfter(bytes, offset + 1)) {
                    throw new CorruptJournalException(
                            file,
                            offset,
                            problem + ", and whole records follow it"
                                    + " (expected: only the last record can be cut short, by a crash)");
                }
                return new Contents(List.copyOf(records), offset, bytes.length);
            }
            int length = buffer.getInt(offset);
            try {
                records.add(JournalFormat.parsePayload(bytes, offset + FRAME_HEADER_BYTES, length));
            } catch (RuntimeException e) {
                // The CRC matched, so these are the bytes that were written: not a torn write.
                throw new CorruptJournalException(
                        file, offset, Objects.requireNonNullElse(e.getMessage(), e.toString()));
            }
            offset += FRAME_HEADER_BYTES + length;
        }
        return new Contents(List.copyOf(records), offset, bytes.length);
    }

    /** Why no whole record starts at {@code offset}, or null if one does. */
    private static @Nullable String frameProblem(byte[] bytes, int offset) {
        int left = bytes.length - offset;
        if (left < FRAME_HEADER_BYTES) {
            return "only " + left + " bytes left for a record header (expected: " + FRAME_HEADER_BYTES + ")";
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = buffer.getInt(offset);
        if (!JournalFormat.plausiblePayloadLength(length)) {
            return "record length " + length + " (expected: " + JournalFormat.MIN_PAYLOAD_BYTES + " to "
                    + JournalFormat.MAX_PAYLOAD_BYTES + ")";
        }
        if (length > left - FRAME_HEADER_BYTES) {
            return "record length " + length + " runs past the end of the file (expected: at most "
                    + (left - FRAME_HEADER_BYTES) + ")";
        }
        int stored = buffer.getInt(offset + 4);
        int computed = JournalFormat.crc(bytes, offset + FRAME_HEADER_BYTES, length);
        if (stored != computed) {
            return String.format(
                    "record CRC32 0x%08x (expected: 0x%08x, computed from its %d bytes)", stored, computed, length);
        }
        return null;
    }

    /** Whether a whole record (plausible length, matching CRC) starts anywhere from {@code from} on. */
    private static boolean wholeFrameAfter(byte[] bytes, int from) {
        int lastPossible = bytes.length - FRAME_HEADER_BYTES - JournalFormat.MIN_PAYLOAD_BYTES;
        for (int offset = from; offset <= lastPossible; offset++) {
            if (frameProblem(bytes, offset) == null) {
                return true;
            }
        }
        return false;
    }
}
