package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The data of an attendance live event ({@link ZkCommands#REG_EVENT} with {@link
 * ZkCommands#EF_ATTLOG} in the session id field). Its length tells the firmware's layout:
 *
 * <ul>
 *   <li>10 or 14 bytes: user id (u16), verify method (u8), status (u8), six-byte time, [4 bytes];
 *   <li>12 bytes: user id (u32), verify method (u8), status (u8), six-byte time;
 *   <li>32 bytes or more: user id (24 bytes of text), verify method (u8), status (u8), six-byte
 *       time, and from 36 bytes on the work code (u32).
 * </ul>
 */
public final class ZkLiveEvent {

    private static final int USER_ID_WIDTH = 24;

    private ZkLiveEvent() {}

    public static ClockRecord decode(byte[] data) throws ZkFormatException {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        String userId;
        int workCode = 0;
        if (data.length == 10 || data.length == 14) {
            userId = Integer.toString(Short.toUnsignedInt(in.getShort()));
        } else if (data.length == 12) {
            userId = Long.toString(Integer.toUnsignedLong(in.getInt()));
        } else if (data.length >= 32) {
            userId = ZkText.read(in, USER_ID_WIDTH);
            if (data.length >= 36) {
                workCode = ByteBuffer.wrap(data, 32, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
            }
        } else {
            throw new ZkFormatException(
                    "attendance event of " + data.length + " bytes (expected: 10, 12, 14 or at least 32)");
        }
        int verify = in.get() & 0xFF;
        int status = in.get() & 0xFF;
        return new ClockRecord(userId, ZkTime.decodeSixBytes(data, in.position()), status, workCode, verify);
    }

    /**
     * The event a clock with this record layout sends: 36 bytes for the 40-byte layout, 12 for the
     * 16-byte one, 10 for the 8-byte one (whose user id must then be a number up to 65535).
     */
    public static byte[] encode(ClockRecord record, ZkRecordLayout layout) {
        requireNonNull(record, "record");
        ByteBuffer out;
        switch (requireNonNull(layout, "layout")) {
            case BYTES_8:
                out = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
                out.putShort((short) Integer.parseInt(record.userId()));
                break;
            case BYTES_16:
                out = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                out.putInt((int) Long.parseLong(record.userId()));
                break;
            default:
                out = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
                ZkText.write(out, record.userId(), USER_ID_WIDTH);
                break;
        }
        out.put((byte) record.verifyMethod());
        out.put((byte) record.status());
        out.put(ZkTime.encodeSixBytes(record.localTime()));
        if (layout == ZkRecordLayout.BYTES_40) {
            out.putInt(record.punchType());
        }
        return out.array();
    }
}
