package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dataset (the attendance log, the user table) through the clock's buffer: {@code
 * CMD_DATA_WRRQ} asks for it; a small one comes back at once as {@code CMD_DATA}, a larger one is
 * announced by size, then read chunk by chunk with {@code CMD_DATA_RDY} (each answered by {@code
 * CMD_PREPARE_DATA}, the chunk in one or more {@code CMD_DATA}, and {@code CMD_ACK_OK}), and the
 * buffer is freed with {@code CMD_FREE_DATA}. Each chunk has the session's timeout and {@link
 * #CHUNK_ATTEMPTS} tries; a chunk that still comes back short is an exception, never a short
 * dataset.
 */
final class ZkBufferReader {

    static final int CHUNK_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(ZkBufferReader.class);

    private final ZkSession session;

    ZkBufferReader(ZkSession session) {
        this.session = requireNonNull(session, "session");
    }

    /** The whole dataset that {@code command} (with the function {@code fct}) selects. */
    byte[] read(int command, int fct) throws ClockException {
        ByteBuffer request = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        request.put((byte) 1).putShort((short) command).putInt(fct).putInt(0);
        ZkPacket reply = session.request(ZkCommands.PREPARE_BUFFER, request.array());
        switch (reply.command()) {
            case ZkCommands.DATA:
                return reply.data();
            case ZkCommands.ACK_OK:
            case ZkCommands.PREPARE_DATA:
                break;
            default:
                throw ZkReplies.unexpected(
                        reply, ZkCommands.PREPARE_BUFFER, session.address(), "CMD_DATA or CMD_ACK_OK with a size");
        }
        if (reply.dataLength() < 5) {
            throw protocolError("size announcement of " + reply.dataLength() + " bytes (expected: at least 5)");
        }
        long size = Integer.toUnsignedLong(reply.dataBuffer().getInt(1));
        if (size > ZkLimits.MAX_TRANSFER) {
            throw protocolError(
                    "transfer of " + size + " bytes announced (expected: at most " + ZkLimits.MAX_TRANSFER + ")");
        }
        byte[] dataset = new byte[(int) size];
        int chunk = session.chunkSize();
        for (int start = 0; start < dataset.length; start += chunk) {
            readChunk(start, Math.min(chunk, dataset.length - start), dataset);
        }
        ZkReplies.requireOk(session.request(ZkCommands.FREE_DATA), ZkCommands.FREE_DATA, session.address());
        return dataset;
    }

    private void readChunk(int start, int length, byte[] into) throws ClockException {
        String problem = "";
        boolean cameShort = false;
        for (int attempt = 1; attempt <= CHUNK_ATTEMPTS; attempt++) {
            ByteBuffer request = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            request.putInt(start).putInt(length);
            int replyId = session.send(ZkCommands.READ_BUFFER, request.array());
            long deadline = session.deadline();
            int received = 0;
            while (true) {
                ZkPacket packet = session.await(replyId, deadline);
                if (packet == null) {
                    problem = "chunk of " + length + " bytes at offset " + start + ": " + received
                            + " bytes came within " + session.timeout().toMillis() + " ms";
                    break;
                }
                if (packet.command() == ZkCommands.PREPARE_DATA) {
                    requireAnnounced(packet, start, length);
                } else if (packet.command() == ZkCommands.DATA) {
                    if (received + packet.dataLength() > length) {
                        throw protocolError("chunk of " + length + " bytes at offset " + start + " brought "
                                + (received + packet.dataLength()) + " (expected: " + length + ")");
                    }
                    packet.dataBuffer().get(into, start + received, packet.dataLength());
                    received += packet.dataLength();
                    if (received == length) {
                        return; // the CMD_ACK_OK that follows is dropped as a stale reply
                    }
                } else if (packet.command() == ZkCommands.ACK_OK) {
                    problem = "chunk of " + length + " bytes at offset " + start + " came back with " + received
                            + " bytes (expected: " + length + ")";
                    cameShort = true;
                    break;
                } else {
                    throw ZkReplies.unexpected(
                            packet, ZkCommands.READ_BUFFER, session.address(), "CMD_PREPARE_DATA or CMD_DATA");
                }
            }
            log.debug("{}: {} (try {} of {})", session.address(), problem, attempt, CHUNK_ATTEMPTS);
        }
        String message = session.address() + ": " + problem + ", " + CHUNK_ATTEMPTS + " tries";
        throw new ClockException(cameShort ? Kind.PROTOCOL_ERROR : Kind.OFFLINE, message);
    }

    private void requireAnnounced(ZkPacket prepare, int start, int length) throws ClockException {
        if (prepare.dataLength() < 4) {
            throw protocolError("CMD_PREPARE_DATA of " + prepare.dataLength() + " bytes (expected: at least 4)");
        }
        long announced = Integer.toUnsignedLong(prepare.dataBuffer().getInt(0));
        if (announced != length) {
            throw protocolError(
                    "chunk at offset " + start + " announced as " + announced + " bytes (expected: " + length + ")");
        }
    }

    private ClockException protocolError(String what) {
        return new ClockException(Kind.PROTOCOL_ERROR, session.address() + ": " + what);
    }
}
