package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The TCP framing around each packet: the magic numbers 0x5050 and 0x827D (little-endian 16-bit
 * words: bytes {@code 50 50 82 7D}) and the packet's length as an unsigned 32-bit little-endian
 * number.
 */
public final class ZkTcpFrame {

    public static final int PREFIX_SIZE = 8;
    private static final byte[] MAGIC = {0x50, 0x50, (byte) 0x82, 0x7D};

    private ZkTcpFrame() {}

    /** The frame around an encoded packet. */
    public static byte[] wrap(byte[] packet) {
        requireNonNull(packet, "packet");
        ByteBuffer frame = ByteBuffer.allocate(PREFIX_SIZE + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.put(MAGIC).putInt(packet.length).put(packet);
        return frame.array();
    }

    /**
     * The packet length a frame prefix announces.
     *
     * @throws ZkFormatException when the magic is wrong or the length is outside 8 to {@code max}
     */
    public static int packetLength(byte[] prefix, int max) throws ZkFormatException {
        if (prefix.length < PREFIX_SIZE) {
            throw new ZkFormatException("frame prefix of " + prefix.length + " bytes (expected: " + PREFIX_SIZE + ")");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new ZkFormatException("frame starting 0x" + hex(prefix, 4) + " (expected: 0x5050827d)");
            }
        }
        long length = Integer.toUnsignedLong(
                ByteBuffer.wrap(prefix, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (length < ZkPacket.HEADER_SIZE || length > max) {
            throw new ZkFormatException(
                    "frame of " + length + " bytes (expected: " + ZkPacket.HEADER_SIZE + " to " + max + ")");
        }
        return (int) length;
    }

    private static String hex(byte[] bytes, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
