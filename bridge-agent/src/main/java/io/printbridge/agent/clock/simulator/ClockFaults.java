package io.printbridge.agent.clock.simulator;

import io.printbridge.agent.clock.ClockRecord;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The faults the simulated clock is told to show, set from any thread, each taken by the session it hits. */
final class ClockFaults {

    private static final int NONE = -1;

    private final AtomicInteger dropAfterBytes = new AtomicInteger(NONE);
    private final AtomicInteger garbageAnswers = new AtomicInteger();
    private final AtomicInteger truncatedChunks = new AtomicInteger();
    private final AtomicReference<@Nullable ClockRecord> punchDuringTransfer = new AtomicReference<>();
    private volatile boolean refuseAuth;
    private volatile Duration answerDelay = Duration.ZERO;

    void dropDuringNextTransfer(int afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("afterBytes: " + afterBytes + " (expected: 0 or more)");
        }
        dropAfterBytes.set(afterBytes);
    }

    /** The bytes of a chunk to send before dropping the connection, taken once; -1 when not to drop. */
    int takeDrop() {
        return dropAfterBytes.getAndSet(NONE);
    }

    void answerGarbage(int count) {
        garbageAnswers.set(requireCount(count));
    }

    boolean takeGarbage() {
        return garbageAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void truncateChunks(int count) {
        truncatedChunks.set(requireCount(count));
    }

    boolean takeTruncation() {
        return truncatedChunks.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void punchDuringNextTransfer(ClockRecord record) {
        punchDuringTransfer.set(record);
    }

    @Nullable
    ClockRecord takePunchDuringTransfer() {
        return punchDuringTransfer.getAndSet(null);
    }

    void refuseAuth(boolean refuse) {
        refuseAuth = refuse;
    }

    boolean refusesAuth() {
        return refuseAuth;
    }

    void slowAnswers(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: zero or more)");
        }
        answerDelay = delay;
    }

    Duration answerDelay() {
        return answerDelay;
    }

    private static int requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: 0 or more)");
        }
        return count;
    }
}
