package io.printbridge.agent.exec;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.InvalidProtocolBufferException;
import io.printbridge.agent.exec.ExecutionJournal.Entry;
import io.printbridge.proto.v1.CommandResult;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * The bytes of a journal file: an 8-byte header, then one framed record per journal write.
 * Big-endian throughout.
 *
 * <pre>
 * header:  int magic "PBJL", int format version (1)
 * record:  int payload length, int CRC32 of the payload, then the payload:
 *            byte  kind: 1 started, 2 finished
 *            long  when the command started, epoch milliseconds
 *            short length of the command id in UTF-8 bytes (unsigned)
 *            bytes the command id
 *            bytes (finished only) the CommandResult protobuf, to the end of the payload
 * </pre>
 *
 * The length and CRC let a reader tell a record cut short by a crash from a whole one.
 */
final class JournalFormat {

    static final int MAGIC = 0x50424A4C; // "PBJL"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 8;
    static final int MIN_PAYLOAD_BYTES = 1 + 8 + 2;
    /** Far above any real record (a result is a few hundred bytes); a larger length is damage. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    static final int MAX_ID_BYTES = 0xFFFF;

    private static final byte STARTED = 1;
    private static final byte FINISHED = 2;

    private JournalFormat() {}

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    /**
     * The framed record for {@code entry}: a FINISHED entry becomes a finished record, a RUNNING
     * or INTERRUPTED one a started record (so an interrupted command stays interrupted when the
     * file is rewritten).
     */
    static ByteBuffer frame(Entry entry) {
        byte[] id = entry.commandId().getBytes(UTF_8);
        if (id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException(
                    "command id: " + id.length + " bytes in UTF-8 (expected: at most " + MAX_ID_BYTES + ")");
        }
        CommandResult result = entry.result();
        byte[] resultBytes = result != null ? result.toByteArray() : new byte[0];
        int payloadLength = MIN_PAYLOAD_BYTES + id.length + resultBytes.length;
        if (payloadLength > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("journal record for command " + entry.commandId() + ": " + payloadLength
                    + " bytes (expected: at most " + MAX_PAYLOAD_BYTES + ")");
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER_BYTES + payloadLength);
        frame.putInt(payloadLength).putInt(0); // the CRC goes in once the payload is there
        frame.put(result != null ? FINISHED : STARTED)
                .putLong(entry.startedAt().toEpochMilli())
                .putShort((short) id.length)
                .put(id)
                .put(resultBytes);
        frame.putInt(4, crc(frame.array(), FRAME_HEADER_BYTES, payloadLength));
        return frame.flip();
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static boolean plausiblePayloadLength(int length) {
        return length >= MIN_PAYLOAD_BYTES && length <= MAX_PAYLOAD_BYTES;
    }

    /**
     * Reads a payload whose CRC matched: a started record gives a RUNNING entry, a finished
     * one a FINISHED entry.
     *
     * @throws IllegalArgumentException if the payload is not a record this version writes
     */
    static Entry parsePayload(byte[] bytes, int offset, int length) {
        ByteBuffer payload = ByteBuffer.wrap(bytes, offset, length);
        byte kind = payload.get();
        Instant startedAt = Instant.ofEpochMilli(payload.getLong());
        int idLength = Short.toUnsignedInt(payload.getShort());
        if (idLength > payload.remaining()) {
            throw new IllegalArgumentException("command id length " + idLength + " (expected: at most the "
                    + payload.remaining() + " bytes left in the record)");
        }
        String id = new String(bytes, payload.position(), idLength, UTF_8);
        payload.position(payload.position() + idLength);
        return switch (kind) {
            case STARTED -> {
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException("started record for command " + id + " has "
                            + payload.remaining() + " bytes after the id (expected: none)");
                }
                yield Entry.running(id, startedAt);
            }
            case FINISHED -> {
                try {
                    CommandResult result =
                            CommandResult.parseFrom(ByteBuffer.wrap(bytes, payload.position(), payload.remaining()));
                    yield Entry.finished(id, startedAt, result);
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalArgumentException(
                            "finished record for command " + id + " holds no readable CommandResult (" + e.getMessage()
                                    + ")",
                            e);
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "record kind " + kind + " (expected: " + STARTED + " started or " + FINISHED + " finished)");
        };
    }
}
