package io.printbridge.server.stores;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.db.StoreChanges;
import io.printbridge.server.db.StoreRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the directory learns about stores in the database, coalesced: each store's changes
 * are folded together ({@link StoreChanges}) and written at most once per {@code flushInterval},
 * all stores in one transaction, on a thread of its own. A heartbeat is not a database write: a
 * store heard from but otherwise unchanged has its "last seen" written at most once per
 * {@code seenInterval} (and when it disconnects). Memory is one entry per store, however many
 * messages its agent sends.
 *
 * <p>A write that fails is folded back under what came since and tried again at the next flush;
 * {@link #close()} writes what is left.
 */
final class StoreRecordWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreRecordWriter.class);

    /**
     * How long the last write at shutdown may take before the server stops without it. A stop must
     * end: once, under a fault schedule on PostgreSQL, that write waited on its connection for more
     * than the minute a stop is given, so the server never reached its job writer's drain and its
     * database's close. What it would have written (when stores were last seen, disconnected) is
     * written again when their agents come back.
     */
    static final Duration CLOSING_WRITE_WAIT = Duration.ofSeconds(10);

    private final StoreRecords records;
    private final Duration seenInterval;
    /** Told the stores whose records a flush wrote, once committed (other servers reload them). */
    private final Consumer<List<String>> written;

    private final Duration closingWriteWait;
    private final Map<String, StoreChanges> pending = new ConcurrentHashMap<>();
    /** When each store's "last seen" was last written, to space out heartbeat-only writes. */
    private final Map<String, Instant> seenWritten = new ConcurrentHashMap<>();

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "store-records");
        t.setDaemon(true);
        return t;
    });

    StoreRecordWriter(StoreRecords records, Duration flushInterval, Duration seenInterval) {
        this(records, flushInterval, seenInterval, stores -> {});
    }

    StoreRecordWriter(
            StoreRecords records, Duration flushInterval, Duration seenInterval, Consumer<List<String>> written) {
        this(records, flushInterval, seenInterval, written, CLOSING_WRITE_WAIT);
    }

    /** @param closingWriteWait how long {@link #close()} waits for its last write before giving it up */
    StoreRecordWriter(
            StoreRecords records,
            Duration flushInterval,
            Duration seenInterval,
            Consumer<List<String>> written,
            Duration closingWriteWait) {
        this.closingWriteWait = requireNonNull(closingWriteWait, "closingWriteWait");
        this.records = requireNonNull(records, "records");
        this.seenInterval = requireNonNull(seenInterval, "seenInterval");
        this.written = requireNonNull(written, "written");
        long every = flushInterval.toMillis();
        thread.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void connected(String storeId, Hello hello, Instant at, @Nullable Instant certificateExpiresAt) {
        change(storeId, c -> c.connected(hello, at, certificateExpiresAt));
    }

    void seen(String storeId, Instant at) {
        change(storeId, c -> c.seen(at));
    }

    void disconnected(String storeId, Instant at) {
        change(storeId, c -> c.disconnected(at));
    }

    void printerStatus(String storeId, String printer, PrinterStatus status, Instant at) {
        change(storeId, c -> c.printerStatus(printer, status, at));
    }

    private void change(String storeId, UnaryOperator<StoreChanges> change) {
        pending.compute(storeId, (id, known) -> change.apply(known != null ? known : StoreChanges.none(id)));
    }

    /** Writes what is due now: every change but a "last seen" written less than {@code seenInterval} ago. */
    void flush() {
        List<StoreChanges> due = new ArrayList<>();
        for (String storeId : pending.keySet()) {
            StoreChanges[] taken = {null};
            pending.computeIfPresent(storeId, (id, changes) -> {
                if (changes.onlySeen()) {
                    Instant seen = changes.seenAt();
                    if (seen == null) {
                        return null; // nothing to write
                    }
                    if (!seenDue(id, seen)) {
                        return changes; // a heartbeat alone: written later
                    }
                }
                taken[0] = changes;
                return null;
            });
            if (taken[0] != null) {
                due.add(taken[0]);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            records.write(due);
            List<String> changed = new ArrayList<>();
            for (StoreChanges done : due) {
                if (done.seenAt() != null) {
                    seenWritten.put(done.storeId(), done.seenAt());
                }
                if (!done.onlySeen()) {
                    changed.add(done.storeId());
                }
            }
            if (!changed.isEmpty()) {
                written.accept(changed);
            }
        } catch (RuntimeException e) {
            log.warn("could not record {} store change(s), trying again: {}", due.size(), e.toString());
            for (StoreChanges failed : due) {
                pending.merge(failed.storeId(), failed, (newer, older) -> older.then(newer));
            }
            throw e;
        }
    }

    private boolean seenDue(String storeId, Instant seenAt) {
        Instant written = seenWritten.get(storeId);
        return written == null || !seenAt.isBefore(written.plus(seenInterval));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Logged by flush; the changes wait for the next one.
        }
    }

    /** Stops the timer and writes everything still pending, "last seen" included. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<StoreChanges> rest = new ArrayList<>(pending.values());
        pending.clear();
        if (!rest.isEmpty()) {
            writeBeforeStopping(rest);
        }
    }

    /**
     * Writes {@code rest} on a thread of its own and waits for it at most {@link #closingWriteWait}:
     * a database that does not answer must not hold the server's stop. A write given up goes on
     * until the data source closes its connection.
     */
    private void writeBeforeStopping(List<StoreChanges> rest) {
        FutureTask<Void> write = new FutureTask<>(() -> records.write(rest), null);
        Thread writing = new Thread(write, "store-records-at-shutdown");
        writing.setDaemon(true);
        writing.start();
        try {
            write.get(closingWriteWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "{} store change(s) not recorded at shutdown: the database did not answer within {} s",
                    rest.size(),
                    closingWriteWait.toSeconds());
        } catch (ExecutionException e) {
            log.warn("{} store change(s) not recorded at shutdown: {}", rest.size(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("{} store change(s) not recorded at shutdown: interrupted", rest.size());
        }
    }
}
