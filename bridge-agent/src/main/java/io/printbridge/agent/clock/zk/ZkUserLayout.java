package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockUser;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * How one user is laid out in the user table and in {@code CMD_USER_WRQ}. Fields (little-endian):
 *
 * <ul>
 *   <li>28 bytes (old firmware): slot (u16), privilege (u8), password (5 bytes), name (8 bytes),
 *       card (u32), 1 reserved byte, group (u8), time zone (u16), user id (u32, digits only).
 *   <li>72 bytes (TFT firmware): slot (u16), privilege (u8), password (8 bytes), name (24 bytes),
 *       card (u32), 1 reserved byte, group (7 bytes of text), 1 reserved byte, user id (24 bytes of
 *       text).
 * </ul>
 */
public enum ZkUserLayout {
    BYTES_28(28, 5, 8, 10),
    BYTES_72(72, 8, 24, 9);

    private final int size;
    private final int passwordWidth;
    private final int nameWidth;
    private final int userIdChars;

    ZkUserLayout(int size, int passwordWidth, int nameWidth, int userIdChars) {
        this.size = size;
        this.passwordWidth = passwordWidth;
        this.nameWidth = nameWidth;
        this.userIdChars = userIdChars;
    }

    public int size() {
        return size;
    }

    public static @Nullable ZkUserLayout ofSize(long size) {
        for (ZkUserLayout layout : values()) {
            if (layout.size == size) {
                return layout;
            }
        }
        return null;
    }

    /** Why the layout cannot hold the user ("name of 30 bytes (expected: at most 24)"), or null when it can. */
    public @Nullable String whyNot(ClockUser user) {
        requireNonNull(user, "user");
        if (user.uid() < 0 || user.uid() > 0xFFFF) {
            return "slot " + user.uid() + " (expected: 0 to 65535)";
        }
        if (user.privilege() < 0 || user.privilege() > 0xFF) {
            return "privilege " + user.privilege() + " (expected: 0 to 255)";
        }
        if (user.cardNumber() < 0 || user.cardNumber() > 0xFFFF_FFFFL) {
            return "card number " + user.cardNumber() + " (expected: 0 to 4294967295)";
        }
        if (!ZkText.fits(user.password(), passwordWidth)) {
            return "password of " + user.password().length() + " characters (expected: at most " + passwordWidth
                    + " bytes)";
        }
        if (!ZkText.fits(user.name(), nameWidth)) {
            return "name '" + user.name() + "' (expected: at most " + nameWidth + " bytes)";
        }
        if (this == BYTES_28 ? !isU32Number(user.userId()) : !fitsUserId(user.userId())) {
            return "user id '" + user.userId() + "' (expected: " + (this == BYTES_28 ? "digits, " : "") + "1 to "
                    + userIdChars + " characters)";
        }
        return null;
    }

    private boolean fitsUserId(String userId) {
        return !userId.isEmpty() && userId.length() <= userIdChars && ZkText.fits(userId, 24);
    }

    /** Whether the text is a number the clock's u32 user id field can hold, written without leading zeros. */
    static boolean isU32Number(String text) {
        if (text.isEmpty() || text.length() > 10 || (text.length() > 1 && text.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(text) <= 0xFFFF_FFFFL;
    }

    public void write(ClockUser user, ByteBuffer out) {
        String why = whyNot(user);
        if (why != null) {
            throw new IllegalArgumentException("user " + user.userId() + ": " + why);
        }
        out.putShort((short) user.uid());
        out.put((byte) user.privilege());
        ZkText.write(out, user.password(), passwordWidth);
        ZkText.write(out, user.name(), nameWidth);
        out.putInt((int) user.cardNumber());
        out.put((byte) 0);
        if (this == BYTES_28) {
            out.put((byte) 1); // group 1, every clock's default
            out.putShort((short) 0);
            out.putInt((int) Long.parseLong(user.userId()));
        } else {
            ZkText.write(out, "1", 7);
            out.put((byte) 0);
            ZkText.write(out, user.userId(), 24);
        }
    }

    public ClockUser read(ByteBuffer in) {
        int uid = Short.toUnsignedInt(in.getShort());
        int privilege = in.get() & 0xFF;
        String password = ZkText.read(in, passwordWidth);
        String name = ZkText.read(in, nameWidth);
        long card = Integer.toUnsignedLong(in.getInt());
        in.get();
        String userId;
        if (this == BYTES_28) {
            in.get();
            in.getShort();
            userId = Long.toString(Integer.toUnsignedLong(in.getInt()));
        } else {
            ZkText.read(in, 7);
            in.get();
            userId = ZkText.read(in, 24);
        }
        return new ClockUser(uid, userId, name, privilege, password, card);
    }
}
