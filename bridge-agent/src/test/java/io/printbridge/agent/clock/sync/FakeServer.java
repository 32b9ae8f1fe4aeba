package io.printbridge.agent.clock.sync;

import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceRefused;
import io.printbridge.proto.v1.AttendanceStored;
import io.printbridge.proto.v1.ClockStatus;
import io.printbridge.proto.v1.Punch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of the stream for the worker: stores punches under their key (a duplicate is
 * a no-op, as on the real server) and answers each batch, unless it is down.
 */
final class FakeServer implements Predicate<AgentMessage> {

    final Set<String> stored = ConcurrentHashMap.newKeySet();
    final List<AttendanceBatch> batches = new CopyOnWriteArrayList<>();
    final List<ClockStatus> statuses = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;
    /** Batches still to refuse, as a server busy or storing the store's previous batch does. */
    private final AtomicInteger refusals = new AtomicInteger();

    private volatile @Nullable AttendanceUploads uploads;

    void answerTo(AttendanceUploads uploads) {
        this.uploads = uploads;
    }

    void up(boolean up) {
        this.up = up;
    }

    /** The next {@code count} batches are answered with a refusal, and not stored. */
    void refuseNext(int count) {
        refusals.set(count);
    }

    @Override
    public boolean test(AgentMessage message) {
        if (!up) {
            return false;
        }
        if (message.hasAttendance()) {
            AttendanceBatch batch = message.getAttendance();
            batches.add(batch);
            AttendanceUploads answerer = uploads;
            if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (answerer != null) {
                    answerer.attendanceRefused(AttendanceRefused.newBuilder()
                            .setBatchId(batch.getBatchId())
                            .setMessage("the store already has a batch being stored")
                            .build());
                }
                return true;
            }
            int fresh = 0;
            for (Punch punch : batch.getPunchesList()) {
                if (stored.add(key(batch.getClockSerial(), punch))) {
                    fresh++;
                }
            }
            AttendanceUploads answer = uploads;
            if (answer != null) {
                int duplicates = batch.getPunchesCount() - fresh;
                answer.attendanceStored(AttendanceStored.newBuilder()
                        .setBatchId(batch.getBatchId())
                        .setStored(fresh)
                        .setDuplicates(duplicates)
                        .build());
            }
        } else if (message.hasClockStatus()) {
            statuses.add(message.getClockStatus().getStatus());
        }
        return true;
    }

    static String key(String serial, Punch punch) {
        return serial + "|" + punch.getUserId() + "|" + punch.getLocalTime() + "|" + punch.getStatus() + "|"
                + punch.getPunchType();
    }

    int punchesSent() {
        int sent = 0;
        for (AttendanceBatch batch : new ArrayList<>(batches)) {
            sent += batch.getPunchesCount();
        }
        return sent;
    }
}
