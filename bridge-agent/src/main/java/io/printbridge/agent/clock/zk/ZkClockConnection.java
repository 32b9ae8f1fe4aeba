package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockDeviceInfo;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated ZK session (see {@link ZkClockConnector}). The record and user layouts are
 * learned from what the clock sends: a dataset's size divided by the count {@code
 * CMD_GET_FREE_SIZES} gives.
 */
final class ZkClockConnection implements ClockConnection {

    /** How long {@link #close()} waits for the clock's answer to {@code CMD_EXIT}: it is a courtesy. */
    private static final Duration EXIT_WAIT = Duration.ofMillis(500);

    private final ZkSession session;
    private final ZkBufferReader reader;
    private final ClockTransport transport;
    private @Nullable ZkUserLayout userLayout;
    private @Nullable ZkRecordLayout recordLayout;
    private boolean closed;

    ZkClockConnection(ZkSession session, ClockTransport transport) {
        this.session = requireNonNull(session, "session");
        this.reader = new ZkBufferReader(session);
        this.transport = requireNonNull(transport, "transport");
    }

    @Override
    public ClockDeviceInfo info() throws ClockException {
        String serial = option("~SerialNumber");
        String name = option("~DeviceName");
        String platform = option("~Platform");
        ZkPacket version = ok(ZkCommands.GET_VERSION, new byte[0]);
        ZkFreeSizes sizes = sizes();
        return new ClockDeviceInfo(
                serial,
                name,
                platform,
                text(version.data()),
                sizes.users(),
                sizes.userCapacity(),
                sizes.records(),
                sizes.recordCapacity());
    }

    @Override
    public LocalDateTime time() throws ClockException {
        ZkPacket reply = ok(ZkCommands.GET_TIME, new byte[0]);
        if (reply.dataLength() < 4) {
            throw protocolError("time of " + reply.dataLength() + " bytes (expected: 4)");
        }
        try {
            return ZkTime.decode(Integer.toUnsignedLong(reply.dataBuffer().getInt(0)));
        } catch (ZkFormatException e) {
            throw protocolError(e.getMessage());
        }
    }

    @Override
    public void setTime(LocalDateTime time) throws ClockException {
        ok(ZkCommands.SET_TIME, u32((int) ZkTime.encode(time)));
        ok(ZkCommands.REFRESHDATA, new byte[0]);
    }

    @Override
    public List<ClockUser> users() throws ClockException {
        int count = sizes().users();
        byte[] dataset = reader.read(ZkCommands.USERTEMP_RRQ, ZkCommands.FCT_USER);
        int total = announcedTotal(dataset, "user table");
        if (total == 0) {
            requireNone(count, "users", ZkFreeSizes::users);
            return List.of();
        }
        ZkUserLayout layout = count > 0 && total % count == 0 ? ZkUserLayout.ofSize(total / count) : null;
        if (layout == null) {
            int again = sizes().users();
            layout = again > 0 && total % again == 0 ? ZkUserLayout.ofSize(total / again) : null;
            if (layout == null) {
                throw protocolError(
                        "user table of " + total + " bytes for " + again + " users (expected: 28 or 72 bytes a user)");
            }
        }
        userLayout = layout;
        ByteBuffer in = ByteBuffer.wrap(dataset, 4, total).order(ByteOrder.LITTLE_ENDIAN);
        List<ClockUser> users = new ArrayList<>(total / layout.size());
        while (in.hasRemaining()) {
            users.add(layout.read(in));
        }
        return users;
    }

    @Override
    public void putUser(ClockUser user) throws ClockException {
        requireNonNull(user, "user");
        List<ClockUser> users = users();
        int slot = user.uid();
        int highest = 0;
        ClockUser sameId = null;
        for (ClockUser held : users) {
            highest = Math.max(highest, held.uid());
            if (held.userId().equals(user.userId())) {
                sameId = held;
            }
        }
        if (sameId != null) {
            slot = sameId.uid();
        } else if (slot != 0) {
            for (ClockUser held : users) {
                if (held.uid() == slot) {
                    throw new ClockException(
                            Kind.REFUSED,
                            session.address() + ": slot " + slot + " holds user " + held.userId()
                                    + " (expected: a free slot, or 0 for the next one)");
                }
            }
        } else {
            slot = highest + 1;
        }
        if (slot > 0xFFFF) {
            throw new ClockException(
                    Kind.REFUSED, session.address() + ": no free user slot (expected: one up to 65535)");
        }
        ClockUser placed =
                new ClockUser(slot, user.userId(), user.name(), user.privilege(), user.password(), user.cardNumber());
        ZkUserLayout layout = userLayoutToWrite();
        String why = layout.whyNot(placed);
        if (why != null) {
            throw new ClockException(Kind.REFUSED, session.address() + ": user " + user.userId() + ": " + why);
        }
        ByteBuffer out = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
        layout.write(placed, out);
        ok(ZkCommands.USER_WRQ, out.array());
        ok(ZkCommands.REFRESHDATA, new byte[0]);
    }

    /** The layout the clock reads users in: the one it sent, else the one its records suggest, else its transport's. */
    private ZkUserLayout userLayoutToWrite() {
        if (userLayout != null) {
            return userLayout;
        }
        if (recordLayout != null) {
            return recordLayout == ZkRecordLayout.BYTES_40 ? ZkUserLayout.BYTES_72 : ZkUserLayout.BYTES_28;
        }
        // Clocks that speak TCP are the TFT generation; UDP-only ones are older.
        return transport == ClockTransport.TCP ? ZkUserLayout.BYTES_72 : ZkUserLayout.BYTES_28;
    }

    @Override
    public void deleteUser(String userId) throws ClockException {
        requireNonNull(userId, "userId");
        for (ClockUser held : users()) {
            if (held.userId().equals(userId)) {
                ByteBuffer out = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
                out.putShort((short) held.uid());
                ok(ZkCommands.DELETE_USER, out.array());
                ok(ZkCommands.REFRESHDATA, new byte[0]);
                return;
            }
        }
    }

    @Override
    public List<ClockRecord> records() throws ClockException {
        int count = sizes().records();
        byte[] dataset = reader.read(ZkCommands.ATTLOG_RRQ, 0);
        int total = announcedTotal(dataset, "log");
        if (total == 0) {
            requireNone(count, "records", ZkFreeSizes::records);
            return List.of();
        }
        ZkRecordLayout layout = layoutOf(total, count, count);
        if (layout == null) {
            // Punches may have come between the count and the read (a shift changing at a busy
            // clock): count again once. The log only grows meanwhile, so it holds at least the first
            // count and at most the second; a log shorter than the first count is not whole.
            int again = sizes().records();
            layout = layoutOf(total, count, again);
            if (layout == null) {
                throw protocolError("log of " + total + " bytes for " + count + " records, then " + again
                        + " (expected: 8, 16 or 40 bytes a record, for a count between the two)");
            }
        }
        recordLayout = layout;
        IntFunction<String> userIdOfSlot = layout == ZkRecordLayout.BYTES_8 ? slotsToUserIds() : Integer::toString;
        ByteBuffer in = ByteBuffer.wrap(dataset, 4, total).order(ByteOrder.LITTLE_ENDIAN);
        List<ClockRecord> records = new ArrayList<>(total / layout.size());
        try {
            while (in.hasRemaining()) {
                records.add(layout.read(in, userIdOfSlot));
            }
        } catch (ZkFormatException e) {
            throw protocolError("record " + (records.size() + 1) + ": " + e.getMessage());
        }
        return records;
    }

    /**
     * The one record layout that makes {@code total} bytes a number of records from {@code least} to
     * {@code most}; null when none does, or more than one (a tiny log read while it grew).
     */
    static @Nullable ZkRecordLayout layoutOf(int total, int least, int most) {
        ZkRecordLayout found = null;
        for (ZkRecordLayout layout : ZkRecordLayout.values()) {
            int records = total / layout.size();
            if (total % layout.size() == 0 && records > 0 && records >= least && records <= most) {
                if (found != null) {
                    return null;
                }
                found = layout;
            }
        }
        return found;
    }

    /** The 8-byte layout names the user by slot: the user table says whose it is (the slot's number when no one's). */
    private IntFunction<String> slotsToUserIds() throws ClockException {
        Map<Integer, String> ids = new HashMap<>();
        for (ClockUser user : users()) {
            ids.put(user.uid(), user.userId());
        }
        return slot -> ids.getOrDefault(slot, Integer.toString(slot));
    }

    /** The size the dataset's first 4 bytes announce, which must be what follows them. */
    private int announcedTotal(byte[] dataset, String what) throws ClockException {
        if (dataset.length == 0) {
            return 0; // some firmware sends nothing at all for an empty table
        }
        if (dataset.length < 4) {
            throw protocolError(what + " of " + dataset.length + " bytes (expected: at least 4)");
        }
        long total = Integer.toUnsignedLong(
                ByteBuffer.wrap(dataset).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        if (total != dataset.length - 4L) {
            throw protocolError(what + " announcing " + total + " bytes came with " + (dataset.length - 4)
                    + " (expected: " + total + ")");
        }
        return (int) total;
    }

    /** An empty dataset is only whole when the clock counts none (once more, in case they were just cleared). */
    private void requireNone(int count, String what, java.util.function.ToIntFunction<ZkFreeSizes> counted)
            throws ClockException {
        if (count == 0) {
            return;
        }
        int again = counted.applyAsInt(sizes());
        if (again != 0) {
            throw protocolError("no " + what + " came, but the clock counts " + again + " (expected: " + again + ")");
        }
    }

    @Override
    public void clearRecords() throws ClockException {
        ok(ZkCommands.CLEAR_ATTLOG, new byte[0]);
        ok(ZkCommands.REFRESHDATA, new byte[0]);
    }

    @Override
    public void disable() throws ClockException {
        ok(ZkCommands.DISABLEDEVICE, new byte[0]);
    }

    @Override
    public void enable() throws ClockException {
        ok(ZkCommands.ENABLEDEVICE, new byte[0]);
    }

    @Override
    public void startLiveEvents() throws ClockException {
        ok(ZkCommands.REG_EVENT, u32(ZkCommands.EF_ATTLOG));
    }

    @Override
    public Optional<ClockRecord> nextLiveEvent(Duration wait) throws ClockException {
        requireNonNull(wait, "wait");
        return session.nextEvent(wait);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int replyId = session.send(ZkCommands.EXIT, new byte[0]);
            session.await(
                    replyId,
                    System.nanoTime()
                            + Math.min(EXIT_WAIT.toNanos(), session.timeout().toNanos()));
        } catch (ClockException e) {
            // Saying goodbye is best effort: the socket is closed below either way.
        } finally {
            session.close();
        }
    }

    ZkFreeSizes sizes() throws ClockException {
        ZkPacket reply = ok(ZkCommands.GET_FREE_SIZES, new byte[0]);
        try {
            return ZkFreeSizes.decode(reply.data());
        } catch (ZkFormatException e) {
            throw protocolError(e.getMessage());
        }
    }

    /** An {@code CMD_OPTIONS_RRQ} value; empty when the clock has no such option. */
    private String option(String name) throws ClockException {
        ZkPacket reply = session.request(ZkCommands.OPTIONS_RRQ, (name + "\0").getBytes(StandardCharsets.US_ASCII));
        if (reply.command() == ZkCommands.ACK_ERROR) {
            return "";
        }
        String answer = text(ZkReplies.requireOk(reply, ZkCommands.OPTIONS_RRQ, session.address())
                .data());
        int equals = answer.indexOf('=');
        return equals < 0 ? answer : answer.substring(equals + 1);
    }

    private ZkPacket ok(int command, byte[] data) throws ClockException {
        return ZkReplies.requireOk(session.request(command, data), command, session.address());
    }

    private static String text(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8).trim();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private ClockException protocolError(@Nullable String what) {
        return new ClockException(Kind.PROTOCOL_ERROR, session.address() + ": " + what);
    }
}
