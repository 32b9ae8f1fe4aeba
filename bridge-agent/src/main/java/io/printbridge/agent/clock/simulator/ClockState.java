package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.zk.ZkFreeSizes;
import io.printbridge.agent.clock.zk.ZkRecordLayout;
import io.printbridge.agent.clock.zk.ZkUserLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the simulated clock holds: users by slot, the attendance log, its time. Shared by all sessions; thread-safe. */
final class ClockState {

    private final ZkRecordLayout recordLayout;
    private final ZkUserLayout userLayout;
    private final int userCapacity;
    private final int recordCapacity;
    private final Clock wallClock;
    private final Map<Integer, ClockUser> usersBySlot = new TreeMap<>();
    private final List<ClockRecord> records = new ArrayList<>();
    private Duration timeOffset = Duration.ZERO;
    private boolean disabled;

    ClockState(
            ZkRecordLayout recordLayout,
            ZkUserLayout userLayout,
            int userCapacity,
            int recordCapacity,
            Clock wallClock) {
        this.recordLayout = requireNonNull(recordLayout, "recordLayout");
        this.userLayout = requireNonNull(userLayout, "userLayout");
        this.userCapacity = userCapacity;
        this.recordCapacity = recordCapacity;
        this.wallClock = requireNonNull(wallClock, "wallClock");
    }

    ZkRecordLayout recordLayout() {
        return recordLayout;
    }

    ZkUserLayout userLayout() {
        return userLayout;
    }

    synchronized void addRecords(List<ClockRecord> added) {
        if (records.size() + added.size() > recordCapacity) {
            throw new IllegalStateException("log of " + records.size() + " records plus " + added.size()
                    + " (expected: at most " + recordCapacity + " in all)");
        }
        for (ClockRecord record : added) {
            requireNonNull(record, "record");
            if (!recordLayout.canCarry(record, this::slotOf)) {
                throw new IllegalArgumentException("record " + record + " (expected: one the " + recordLayout.size()
                        + "-byte layout can carry: see ZkRecordLayout)");
            }
        }
        records.addAll(added);
    }

    synchronized List<ClockRecord> records() {
        return List.copyOf(records);
    }

    synchronized void clearRecords() {
        records.clear();
    }

    /** The log as the clock hands it over: its size (u32), then each record in the clock's layout. */
    synchronized byte[] logDataset() {
        ByteBuffer out =
                ByteBuffer.allocate(4 + records.size() * recordLayout.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(records.size() * recordLayout.size());
        for (ClockRecord record : records) {
            recordLayout.write(record, this::slotOf, out);
        }
        return out.array();
    }

    /** The user table as the clock hands it over: its size (u32), then each user in the clock's layout. */
    synchronized byte[] userDataset() {
        ByteBuffer out =
                ByteBuffer.allocate(4 + usersBySlot.size() * userLayout.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(usersBySlot.size() * userLayout.size());
        for (ClockUser user : usersBySlot.values()) {
            userLayout.write(user, out);
        }
        return out.array();
    }

    /** The slot of the user with this id; for a number without a user, the number itself (what old clocks store). */
    private int slotOf(String userId) {
        for (ClockUser user : usersBySlot.values()) {
            if (user.userId().equals(userId)) {
                return user.uid();
            }
        }
        if (!userId.isEmpty() && userId.length() <= 5 && userId.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(userId);
        }
        return 0;
    }

    synchronized List<ClockUser> users() {
        return List.copyOf(usersBySlot.values());
    }

    /**
     * Stores the user in its slot, replacing the one there and any other with the same user id.
     *
     * @return false when the table is full or the user cannot be stored
     */
    synchronized boolean putUser(ClockUser user) {
        if (user.uid() < 1 || user.uid() > 0xFFFF || userLayout.whyNot(user) != null) {
            return false;
        }
        usersBySlot.values().removeIf(held -> held.userId().equals(user.userId()) && held.uid() != user.uid());
        if (!usersBySlot.containsKey(user.uid()) && usersBySlot.size() >= userCapacity) {
            return false;
        }
        usersBySlot.put(user.uid(), user);
        return true;
    }

    synchronized void deleteUser(int slot) {
        usersBySlot.remove(slot);
    }

    synchronized ZkFreeSizes sizes() {
        return new ZkFreeSizes(usersBySlot.size(), records.size(), userCapacity, recordCapacity);
    }

    synchronized LocalDateTime time() {
        return LocalDateTime.now(wallClock).plus(timeOffset).truncatedTo(ChronoUnit.SECONDS);
    }

    synchronized void setTime(LocalDateTime time) {
        timeOffset = Duration.between(LocalDateTime.now(wallClock), time);
    }

    synchronized boolean disabled() {
        return disabled;
    }

    synchronized void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }
}
