package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import java.nio.ByteBuffer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * How one attendance record is laid out in the log dataset; the firmware decides, and the client
 * tells them apart by the dataset's size divided by the record count. Fields (little-endian):
 *
 * <ul>
 *   <li>8 bytes (old firmware): user slot (u16), verify method (u8), time (packed u32), status
 *       (u8). The user id is the slot's user's; the record carries no work code.
 *   <li>16 bytes: user id (u32, digits only), time (packed u32), verify method (u8), status (u8),
 *       2 reserved bytes, work code (u32).
 *   <li>40 bytes (TFT firmware): user slot (u16), user id (24 bytes of text), verify method (u8),
 *       time (packed u32), status (u8), work code (u32), 4 reserved bytes ({@code FF 00 00 00}).
 * </ul>
 *
 * <p>{@link ClockRecord#status()} is the attendance state (0 check-in, 1 check-out...), {@link
 * ClockRecord#verifyMethod()} how the employee was verified and {@link ClockRecord#punchType()}
 * the work code, 0 on most clocks.
 */
public enum ZkRecordLayout {
    BYTES_8(8),
    BYTES_16(16),
    BYTES_40(40);

    private static final int USER_ID_WIDTH_40 = 24;

    private final int size;

    ZkRecordLayout(int size) {
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The layout of {@code size} bytes, or null for a size no firmware uses. */
    public static @Nullable ZkRecordLayout ofSize(long size) {
        for (ZkRecordLayout layout : values()) {
            if (layout.size == size) {
                return layout;
            }
        }
        return null;
    }

    /** Whether this layout can carry the record (user ids of digits only for 16 bytes, and so on). */
    public boolean canCarry(ClockRecord record, ToIntFunction<String> slotOfUserId) {
        switch (this) {
            case BYTES_8:
                int slot = slotOfUserId.applyAsInt(record.userId());
                return slot > 0 && slot <= 0xFFFF && record.punchType() == 0 && bytes(record);
            case BYTES_16:
                return ZkUserLayout.isU32Number(record.userId()) && bytes(record);
            default:
                return ZkText.fits(record.userId(), USER_ID_WIDTH_40 - 1) && bytes(record);
        }
    }

    private static boolean bytes(ClockRecord record) {
        return (record.status() & ~0xFF) == 0 && (record.verifyMethod() & ~0xFF) == 0;
    }

    /**
     * Writes the record at the buffer's position.
     *
     * @param slotOfUserId the user slot for a user id (the user table's; 0 when none)
     */
    public void write(ClockRecord record, ToIntFunction<String> slotOfUserId, ByteBuffer out) {
        requireNonNull(record, "record");
        if (!canCarry(record, slotOfUserId)) {
            throw new IllegalArgumentException(
                    "record " + record + " (expected: one the " + size + "-byte layout can carry)");
        }
        int time = (int) ZkTime.encode(record.localTime());
        switch (this) {
            case BYTES_8:
                out.putShort((short) slotOfUserId.applyAsInt(record.userId()));
                out.put((byte) record.verifyMethod());
                out.putInt(time);
                out.put((byte) record.status());
                break;
            case BYTES_16:
                out.putInt((int) Long.parseLong(record.userId()));
                out.putInt(time);
                out.put((byte) record.verifyMethod());
                out.put((byte) record.status());
                out.putShort((short) 0);
                out.putInt(record.punchType());
                break;
            default:
                out.putShort((short) Math.max(0, slotOfUserId.applyAsInt(record.userId())));
                ZkText.write(out, record.userId(), USER_ID_WIDTH_40);
                out.put((byte) record.verifyMethod());
                out.putInt(time);
                out.put((byte) record.status());
                out.putInt(record.punchType());
                out.putInt(0xFF); // what TFT clocks send there
                break;
        }
    }

    /**
     * Reads one record at the buffer's position.
     *
     * @param userIdOfSlot the user id for a slot (8-byte layout only; the slot's number when the
     *     clock has no such user)
     */
    public ClockRecord read(ByteBuffer in, IntFunction<String> userIdOfSlot) throws ZkFormatException {
        switch (this) {
            case BYTES_8: {
                int slot = Short.toUnsignedInt(in.getShort());
                int verify = in.get() & 0xFF;
                long time = Integer.toUnsignedLong(in.getInt());
                int status = in.get() & 0xFF;
                return new ClockRecord(userIdOfSlot.apply(slot), ZkTime.decode(time), status, 0, verify);
            }
            case BYTES_16: {
                long userId = Integer.toUnsignedLong(in.getInt());
                long time = Integer.toUnsignedLong(in.getInt());
                int verify = in.get() & 0xFF;
                int status = in.get() & 0xFF;
                in.getShort();
                int workCode = in.getInt();
                return new ClockRecord(Long.toString(userId), ZkTime.decode(time), status, workCode, verify);
            }
            default: {
                in.getShort(); // the slot; the user id follows in full
                String userId = ZkText.read(in, USER_ID_WIDTH_40);
                int verify = in.get() & 0xFF;
                long time = Integer.toUnsignedLong(in.getInt());
                int status = in.get() & 0xFF;
                int workCode = in.getInt();
                in.getInt();
                return new ClockRecord(userId, ZkTime.decode(time), status, workCode, verify);
            }
        }
    }
}
