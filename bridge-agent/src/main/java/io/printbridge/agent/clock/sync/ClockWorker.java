package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockConnector;
import io.printbridge.agent.clock.ClockDeviceInfo;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.link.Backoff;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceSource;
import io.printbridge.proto.v1.ClockState;
import io.printbridge.proto.v1.ClockStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clock's thread. It connects (again and again, with backoff, when the clock is away), takes
 * live punches as they are made and sends them at once, reads the whole log after every
 * connection and whenever the clock holds more records than the server acknowledged (the live
 * feed is lost while the link or the clock is down; the log is not), and runs the server's
 * commands for this clock between those, since one connection serves them all.
 *
 * <p>The read cursor moves only when the server acknowledged a batch as stored: a restart, a cut
 * stream, a clock reboot or a day offline end in the next read sending what is missing, and
 * nothing twice that the server would keep twice.
 */
public final class ClockWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClockWorker.class);

    /** How long a live punch waits for the next one to share its batch. */
    private static final Duration LIVE_GATHER = Duration.ofMillis(50);
    /** A batch the server has not answered within this is taken as not stored. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** Check intervals between two reads of the log while its punches find no server. */
    private static final int RETRY_CHECKS = 10;
    /**
     * The first wait before the log is read again after a server refused a batch or did not answer
     * it: it doubles at each failure in a row, up to {@link #RETRY_CHECKS} check intervals. A
     * refusal is mostly brief (the store's previous batch, from a stream just cut, still being
     * stored; a server busy for a moment), and waiting the full ten minutes for it would leave a
     * shop's missed punches out of the ERP that long.
     */
    static final Duration REFUSED_RETRY = Duration.ofSeconds(1);

    /** Commands waiting for this clock: more are refused (the server does not send that many). */
    private static final int MAX_TASKS = 32;

    private final ClockSettings settings;
    private final ClockConnector connector;
    private final AttendanceUploads uploads;
    private final ReadCursors cursors;
    private final Consumer<ClockStatus> statuses;
    private final Supplier<Instant> serverClock;
    private final Ticker ticker;
    private final Backoff backoff;
    private final BlockingQueue<ClockTask> tasks = new ArrayBlockingQueue<>(MAX_TASKS);
    private final Thread thread;

    private volatile boolean closed;
    /** Set when the link is welcomed again: what was punched meanwhile is only in the log. */
    private volatile boolean readWanted;

    private volatile ClockStatus status;
    private volatile @Nullable ClockException lastFailure;

    /**
     * @param statuses hears the clock's status when it changes and at every check (the server
     *     tells the clock's drift from it)
     * @param serverClock the server's wall clock as the agent estimates it
     */
    public ClockWorker(
            ClockSettings settings,
            ClockConnector connector,
            AttendanceUploads uploads,
            ReadCursors cursors,
            Consumer<ClockStatus> statuses,
            Supplier<Instant> serverClock,
            Ticker ticker,
            Backoff backoff) {
        this.settings = requireNonNull(settings, "settings");
        this.connector = requireNonNull(connector, "connector");
        this.uploads = requireNonNull(uploads, "uploads");
        this.cursors = requireNonNull(cursors, "cursors");
        this.statuses = requireNonNull(statuses, "statuses");
        this.serverClock = requireNonNull(serverClock, "serverClock");
        this.ticker = requireNonNull(ticker, "ticker");
        this.backoff = requireNonNull(backoff, "backoff");
        // Not OFFLINE: a Hello sent before the first contact must not tell the server the clock is away.
        this.status = ClockStatus.newBuilder()
                .setState(ClockState.CLOCK_STATE_UNSPECIFIED)
                .setDetail(settings.endpoint().address() + ": not contacted yet")
                .build();
        this.thread = new Thread(this::run, "clock-" + settings.name());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public ClockSettings settings() {
        return settings;
    }

    public ClockStatus status() {
        return status;
    }

    /**
     * The link was welcomed again: tell the server how the clock is (what was sent meanwhile went
     * nowhere), and read the log soon, for what the live feed lost.
     */
    public void welcomed() {
        statuses.accept(status);
        readWanted = true;
    }

    /** Queues {@code task}; false when too many wait. */
    boolean submit(ClockTask task) {
        return !closed && tasks.offer(task);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try (ClockConnection connection = connector.connect(settings.endpoint())) {
                new Session(connection).run();
            } catch (ClockException e) {
                failed(e);
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("clock {}: unexpected failure; connecting again", settings.name(), e);
                failed(new ClockException(
                        ClockException.Kind.PROTOCOL_ERROR, settings.endpoint().address() + ": " + e));
            }
            if (!closed) {
                waitBeforeRetry(backoff.next());
            }
        }
        ClockException why = new ClockException(ClockException.Kind.OFFLINE, "the agent is stopping");
        for (ClockTask task; (task = tasks.poll()) != null; ) {
            task.unreachable(why);
        }
    }

    /** Waits out the backoff; commands that come meanwhile are answered at once with the clock's failure. */
    private void waitBeforeRetry(Duration wait) {
        long until = ticker.nanoTime() + wait.toNanos();
        try {
            for (long left; (left = until - ticker.nanoTime()) > 0 && !closed; ) {
                ClockTask task = tasks.poll(left, TimeUnit.NANOSECONDS);
                if (task != null) {
                    ClockException why = lastFailure;
                    task.unreachable(
                            why != null
                                    ? why
                                    : new ClockException(
                                            ClockException.Kind.OFFLINE,
                                            settings.endpoint().address() + ": not connected"));
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void failed(ClockException e) {
        lastFailure = e;
        ClockStatus failed = ClockStatus.newBuilder()
                .setState(ClockMessages.state(e.kind()))
                .setDetail(String.valueOf(e.getMessage()))
                .setInfo(status.getInfo())
                .setObservedAt(ProtoTimestamps.of(serverClock.get()))
                .build();
        boolean changed =
                failed.getState() != status.getState() || !failed.getDetail().equals(status.getDetail());
        status = failed;
        if (changed) {
            log.warn("clock {}: {}", settings.name(), e.getMessage());
            statuses.accept(failed);
        }
    }

    /** One connection to the clock. */
    final class Session {
        private final ClockConnection connection;
        private final Map<String, String> names = new HashMap<>();
        private String serial = "";
        private int recordsOnClock;
        private long lastCheckNanos;
        private long lastFullReadNanos;
        /** When the log may be read again after an upload failed (no server, no answer). */
        private long readNotBeforeNanos;
        /** The wait before the log is read again when its punches found no server: the longest of all. */
        private final Duration noServerWait = settings.checkInterval().multipliedBy(RETRY_CHECKS);
        /** The waits after refusals and unanswered batches in a row; back to the first after a read that went through. */
        private final Backoff refusedRetry;

        Session(ClockConnection connection) {
            this.connection = connection;
            // Half to all of each window: never a retry at once, and shops refused together spread out.
            this.refusedRetry = new Backoff(
                    REFUSED_RETRY,
                    noServerWait.compareTo(REFUSED_RETRY) < 0 ? REFUSED_RETRY : noServerWait,
                    () -> 0.5 + ThreadLocalRandom.current().nextDouble() / 2);
        }

        void run() throws ClockException, InterruptedException {
            check();
            // A guarded clear cut short by a lost connection leaves the clock refusing punches:
            // enabling it on every connection ends that at the next one.
            connection.enable();
            readNames();
            connection.startLiveEvents();
            backoff.reset();
            lastFailure = null;
            log.info(
                    "clock {}: connected to {} (serial {})",
                    settings.name(),
                    settings.endpoint().address(),
                    serial);
            // A new connection: the clock may have been away; its log says what it holds.
            readWanted = true;
            List<ClockRecord> live = new ArrayList<>();
            while (!closed) {
                ClockTask task = tasks.poll();
                if (task != null) {
                    task.run(connection, this);
                    continue;
                }
                long now = ticker.nanoTime();
                if (now - lastCheckNanos >= settings.checkInterval().toNanos()) {
                    check();
                }
                boolean behind = recordsOnClock != cursors.read(settings.name()).count();
                boolean due =
                        now - lastFullReadNanos >= settings.fullReadInterval().toNanos();
                // Asked for (a new connection, a link welcomed again): at once. Behind or due: not
                // sooner than RETRY_CHECKS check intervals after an upload that found no server.
                if (readWanted || ((behind || due) && now - readNotBeforeNanos >= 0)) {
                    readWanted = false;
                    readLog();
                    continue;
                }
                Optional<ClockRecord> punch =
                        connection.nextLiveEvent(live.isEmpty() ? Duration.ofMillis(500) : LIVE_GATHER);
                if (punch.isPresent()) {
                    live.add(punch.get());
                    if (live.size() < AttendanceUploads.MAX_BATCH) {
                        continue;
                    }
                }
                if (!live.isEmpty()) {
                    sendLive(live);
                    live.clear();
                }
            }
        }

        /** Reads the clock's info and time, and reports them (the server tells the drift from them). */
        void check() throws ClockException {
            ClockDeviceInfo info = connection.info();
            LocalDateTime clockTime = connection.time();
            Instant readAt = serverClock.get();
            serial = info.serialNumber();
            recordsOnClock = info.recordCount();
            lastCheckNanos = ticker.nanoTime();
            status = ClockStatus.newBuilder()
                    .setState(ClockState.CLOCK_STATE_ONLINE)
                    .setInfo(ClockMessages.info(info, clockTime, readAt))
                    .setObservedAt(ProtoTimestamps.of(readAt))
                    .build();
            statuses.accept(status);
        }

        void readNames() throws ClockException {
            names.clear();
            for (ClockUser user : connection.users()) {
                names.put(user.userId(), user.name());
            }
        }

        String serial() {
            return serial;
        }

        /**
         * Reads the whole log and sends what the server has not acknowledged, moving the cursor
         * batch by batch. Returns the log as read.
         */
        List<ClockRecord> readLog() throws ClockException, InterruptedException {
            List<ClockRecord> records = connection.records();
            lastFullReadNanos = ticker.nanoTime();
            recordsOnClock = records.size();
            try {
                sendLog(records);
                refusedRetry.reset();
            } catch (UploadFailedException e) {
                // No server to take them: reading the whole log every minute would only tire the
                // clock, and the link's return asks for a read at once. A server that refused or did
                // not answer is there: tried again within seconds, then less and less often.
                Duration wait =
                        e.reason() == UploadFailedException.Reason.NO_STREAM ? noServerWait : refusedRetry.next();
                log.info(
                        "clock {}: punches not sent yet ({}); the log is read again in {} ms, or at once when the"
                                + " link is welcomed again",
                        settings.name(),
                        e.getMessage(),
                        wait.toMillis());
                readNotBeforeNanos = ticker.nanoTime() + wait.toNanos();
            }
            return records;
        }

        /** Sends every record after the cursor; the cursor follows each acknowledged batch. */
        void sendLog(List<ClockRecord> records) throws UploadFailedException, InterruptedException, ClockException {
            ReadCursor cursor = cursors.read(settings.name());
            int from = cursor.startIn(serial, records);
            if (from == 0 && cursor.count() > 0) {
                log.info(
                        "clock {}: its log no longer starts with the {} records acknowledged before (cleared or"
                                + " another clock); sending all {} again",
                        settings.name(),
                        cursor.count(),
                        records.size());
            }
            if (records.isEmpty() && cursor.count() > 0) {
                cursors.write(settings.name(), ReadCursor.after(serial, records, 0));
                return;
            }
            if (from < records.size()
                    && records.subList(from, records.size()).stream().anyMatch(r -> !names.containsKey(r.userId()))) {
                readNames(); // a new employee: their name goes with their punches
            }
            for (int start = from; start < records.size(); start += AttendanceUploads.MAX_BATCH) {
                int end = Math.min(records.size(), start + AttendanceUploads.MAX_BATCH);
                uploads.upload(
                        batch(records.subList(start, end), AttendanceSource.ATTENDANCE_SOURCE_LOG), ANSWER_TIMEOUT);
                cursors.write(settings.name(), ReadCursor.after(serial, records, end));
            }
        }

        private void sendLive(List<ClockRecord> live) throws InterruptedException {
            try {
                uploads.upload(batch(live, AttendanceSource.ATTENDANCE_SOURCE_LIVE), ANSWER_TIMEOUT);
            } catch (UploadFailedException e) {
                // The log has them: the next read sends them (the clock's count is above the cursor).
                log.debug(
                        "clock {}: live punches not sent ({}); the next read sends them",
                        settings.name(),
                        e.getMessage());
            }
        }

        private AttendanceBatch batch(List<ClockRecord> records, AttendanceSource source) {
            AttendanceBatch.Builder batch = AttendanceBatch.newBuilder()
                    .setClock(settings.name())
                    .setClockSerial(serial)
                    .setTimeZone(settings.zone().getId())
                    .setSource(source);
            for (ClockRecord record : records) {
                batch.addPunches(ClockMessages.punch(record, names));
            }
            return batch.build();
        }

        /** The clock's info as last read. */
        io.printbridge.proto.v1.ClockInfo statusInfo() {
            return status.getInfo();
        }

        ReadCursor cursor() {
            return cursors.read(settings.name());
        }

        void clearedAll() {
            cursors.write(settings.name(), ReadCursor.after(serial, List.of(), 0));
            recordsOnClock = 0;
        }
    }
}
