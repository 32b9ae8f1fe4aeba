package io.printbridge.agent.clock.zk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The counts and capacities {@code CMD_GET_FREE_SIZES} answers: 92 bytes of little-endian 32-bit
 * numbers, of which users sit at offset 16, records at 32, user capacity at 60 and record
 * capacity at 64 (the rest: fingerprints, admins, passwords, faces and what remains free).
 */
public record ZkFreeSizes(int users, int records, int userCapacity, int recordCapacity) {

    public static final int SIZE = 92;
    private static final int MIN_SIZE = 68;

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(16, users);
        out.putInt(32, records);
        out.putInt(56, 0); // fingerprint capacity: the simulator holds none
        out.putInt(60, userCapacity);
        out.putInt(64, recordCapacity);
        out.putInt(72, Math.max(0, userCapacity - users));
        out.putInt(76, Math.max(0, recordCapacity - records));
        return out.array();
    }

    public static ZkFreeSizes decode(byte[] data) throws ZkFormatException {
        if (data.length < MIN_SIZE) {
            throw new ZkFormatException("sizes of " + data.length + " bytes (expected: at least " + MIN_SIZE + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int users = in.getInt(16);
        int records = in.getInt(32);
        int userCapacity = in.getInt(60);
        int recordCapacity = in.getInt(64);
        if (users < 0 || records < 0 || userCapacity < 0 || recordCapacity < 0) {
            throw new ZkFormatException("sizes with a negative count: users " + users + ", records " + records
                    + " (expected: 0 to 2147483647)");
        }
        return new ZkFreeSizes(users, records, userCapacity, recordCapacity);
    }
}
