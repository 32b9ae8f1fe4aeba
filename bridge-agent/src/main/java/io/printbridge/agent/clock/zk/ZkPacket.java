package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One ZK packet: an 8-byte header (command, checksum, session id, reply id, each an unsigned
 * 16-bit little-endian number) and the command's data. Over UDP a datagram is one packet; over
 * TCP each packet is wrapped in a {@link ZkTcpFrame}.
 *
 * <p>A reply carries the reply id of the request it answers. A live event ({@link
 * ZkCommands#REG_EVENT} sent by the clock) carries its event flag in the session id field and
 * reply id 0.
 */
public final class ZkPacket {

    public static final int HEADER_SIZE = 8;

    private final int command;
    private final int sessionId;
    private final int replyId;
    private final byte[] data;

    public ZkPacket(int command, int sessionId, int replyId, byte[] data) {
        this.command = requireU16(command, "command");
        this.sessionId = requireU16(sessionId, "session id");
        this.replyId = requireU16(replyId, "reply id");
        this.data = requireNonNull(data, "data").clone();
    }

    public ZkPacket(int command, int sessionId, int replyId) {
        this(command, sessionId, replyId, new byte[0]);
    }

    public int command() {
        return command;
    }

    public int sessionId() {
        return sessionId;
    }

    public int replyId() {
        return replyId;
    }

    /** A copy of the data after the header. */
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** The data as a little-endian buffer, read-only. */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Header (with its checksum) and data, as sent over UDP or inside a TCP frame. */
    public byte[] encode() {
        byte[] bytes = new byte[HEADER_SIZE + data.length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) command).putShort((short) 0);
        buffer.putShort((short) sessionId).putShort((short) replyId).put(data);
        int checksum = checksum(bytes, 0, bytes.length);
        bytes[2] = (byte) checksum;
        bytes[3] = (byte) (checksum >>> 8);
        return bytes;
    }

    /** Reads a packet from {@code length} bytes at {@code offset}; the checksum must match. */
    public static ZkPacket decode(byte[] bytes, int offset, int length) throws ZkFormatException {
        requireNonNull(bytes, "bytes");
        if (length < HEADER_SIZE) {
            throw new ZkFormatException("packet of " + length + " bytes (expected: at least " + HEADER_SIZE + ")");
        }
        byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int command = Short.toUnsignedInt(buffer.getShort());
        int sent = Short.toUnsignedInt(buffer.getShort());
        int sessionId = Short.toUnsignedInt(buffer.getShort());
        int replyId = Short.toUnsignedInt(buffer.getShort());
        copy[2] = 0;
        copy[3] = 0;
        int expected = checksum(copy, 0, copy.length);
        // 0x0000 and 0xFFFF are the same number in one's-complement arithmetic; senders differ.
        if (sent % 0xFFFF != expected % 0xFFFF) {
            throw new ZkFormatException("checksum 0x" + Integer.toHexString(sent) + " on " + ZkCommands.name(command)
                    + " (expected: 0x" + Integer.toHexString(expected) + ")");
        }
        return new ZkPacket(command, sessionId, replyId, Arrays.copyOfRange(copy, HEADER_SIZE, copy.length));
    }

    /**
     * The protocol's checksum of a packet whose checksum field is zero: the one's complement of
     * the one's-complement sum of its little-endian 16-bit words (an odd last byte counts alone).
     */
    public static int checksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (bytes[i] & 0xFF) | ((bytes[i + 1] & 0xFF) << 8);
        }
        if (i < end) {
            sum += bytes[i] & 0xFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static int requireU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: 0 to 65535)");
        }
        return value;
    }

    @Override
    public String toString() {
        return ZkCommands.name(command) + " (session " + sessionId + ", reply " + replyId + ", " + data.length
                + " bytes)";
    }
}
