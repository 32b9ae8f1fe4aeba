package io.printbridge.agent.clock.sync;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockConnector;
import io.printbridge.agent.clock.ClockDeviceInfo;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A clock in memory behind the {@link ClockConnector} seam, for the worker's logic: its log, users,
 * enabled flag and live feed, with failures to inject. The ZK protocol itself is tested against
 * the simulator.
 */
final class FakeClock implements ClockConnector {

    final String serial;
    private final List<ClockRecord> log = new ArrayList<>();
    private final List<ClockUser> users = new ArrayList<>();
    private volatile @Nullable ClockException connectFailure;
    private volatile boolean enabled = true;
    private volatile @Nullable BlockingQueue<ClockRecord> live;
    volatile int connections;
    volatile LocalDateTime time = LocalDateTime.of(2026, 12, 5, 8, 0);

    FakeClock(String serial) {
        this.serial = serial;
    }

    synchronized void add(List<ClockRecord> records) {
        log.addAll(records);
    }

    /** A punch at the clock: in the log, and on the live feed of a session that asked for it. */
    synchronized void punch(ClockRecord record) {
        log.add(record);
        BlockingQueue<ClockRecord> feed = live;
        if (feed != null) {
            feed.add(record);
        }
    }

    synchronized List<ClockRecord> log() {
        return List.copyOf(log);
    }

    synchronized void clearedByHand() {
        log.clear();
    }

    boolean enabled() {
        return enabled;
    }

    void failConnections(@Nullable ClockException failure) {
        connectFailure = failure;
    }

    static List<ClockRecord> records(int from, int count) {
        List<ClockRecord> records = new ArrayList<>();
        LocalDateTime start = LocalDateTime.of(2026, 11, 1, 7, 0);
        for (int i = from; i < from + count; i++) {
            records.add(new ClockRecord(Integer.toString(1 + i % 40), start.plusMinutes(i), i % 2, 0, 1));
        }
        return records;
    }

    @Override
    public ClockConnection connect(ClockEndpoint endpoint) throws ClockException {
        ClockException failure = connectFailure;
        if (failure != null) {
            throw failure;
        }
        connections++;
        return new Connection();
    }

    private final class Connection implements ClockConnection {
        private final BlockingQueue<ClockRecord> feed = new LinkedBlockingQueue<>();

        @Override
        public ClockDeviceInfo info() throws ClockException {
            synchronized (FakeClock.this) {
                return new ClockDeviceInfo(
                        serial, "F18", "ZMM220", "Ver 6.60", users.size(), 3000, log.size(), 100_000);
            }
        }

        @Override
        public LocalDateTime time() {
            return time;
        }

        @Override
        public void setTime(LocalDateTime newTime) {
            time = newTime;
        }

        @Override
        public List<ClockUser> users() {
            synchronized (FakeClock.this) {
                return List.copyOf(users);
            }
        }

        @Override
        public void putUser(ClockUser user) {
            synchronized (FakeClock.this) {
                users.removeIf(u -> u.userId().equals(user.userId()));
                users.add(user);
            }
        }

        @Override
        public void deleteUser(String userId) {
            synchronized (FakeClock.this) {
                users.removeIf(u -> u.userId().equals(userId));
            }
        }

        @Override
        public List<ClockRecord> records() throws ClockException {
            ClockException failure = connectFailure;
            if (failure != null) {
                throw failure;
            }
            return log();
        }

        @Override
        public void clearRecords() {
            clearedByHand();
        }

        @Override
        public void disable() {
            enabled = false;
        }

        @Override
        public void enable() {
            enabled = true;
        }

        @Override
        public void startLiveEvents() {
            live = feed;
        }

        @Override
        public Optional<ClockRecord> nextLiveEvent(Duration wait) throws ClockException {
            ClockException failure = connectFailure;
            if (failure != null) {
                throw failure;
            }
            try {
                return Optional.ofNullable(feed.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClockException(ClockException.Kind.OFFLINE, "interrupted");
            }
        }

        @Override
        public void close() {
            if (live == feed) {
                live = null;
            }
        }
    }
}
